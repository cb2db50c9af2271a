// The analysis page's words in Russian, Kazakh and English, kept apart from the board's i18n.js. The language
// is the board's choice (localStorage kuzet.lang), so the board and this page speak the same one.
const STRINGS = {
  ru: {
    title: 'Анализ территории', back: '← Пульт', link: 'Анализ', from: 'С', to: 'По (не включая)', district: 'Район',
    allDistricts: 'Все районы', posts: 'Посты (через запятую)', show: 'Показать', pdf: 'PDF-отчёт', headline: 'Итоги',
    where: 'Где', when: 'Когда', fast: 'Как быстро', well: 'Как работают посты', compare: 'До и после',
    mapNote: 'Тепловая карта и круги: нажатия тревожной кнопки по постам (площадь круга растёт с числом нажатий); слои включаются справа вверху.', layerHeat: 'Тепловая карта нажатий', layerCircles: 'Круги по постам',
    type: 'Тип', slowest: 'Самые долгие до подтверждения', compareButton: 'Сравнить',
    beforeFrom: 'До: с', beforeTo: 'До: по', afterFrom: 'После: с', afterTo: 'После: по',
    post: 'Пост', name: 'Название', incidents: 'Вызовы', received: 'Получено', median: 'медиана', p90: '90-й процентиль',
    weekdays: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'], all: 'все', measure: 'Показатель', before: 'До', after: 'После',
    change: 'Изменение', signIn: 'Войдите на пульте, затем откройте анализ снова.', forbidden: 'Анализ доступен операторам и администраторам.',
    m_posts: 'Постов', m_presses: 'Нажатий кнопки', m_falsePresses: 'Ложных или тестовых', m_unacknowledged: 'Не подтверждено',
    m_medianSecondsToAcknowledge: 'Медиана до подтверждения, с', m_p90SecondsToAcknowledge: '90% до подтверждения, с',
    m_medianSecondsToDispatch: 'Медиана до наряда, с', m_p90SecondsToDispatch: '90% до наряда, с',
    m_tamperEvents: 'Вскрытий', m_doorEvents: 'Открываний двери', m_availabilityPct: 'Доступность, %',
    m_mainsOutages: 'Отключений сети', m_mainsOutMinutes: 'Без сети, мин', m_darkNightMinutes: 'Тёмные ночные минуты',
    m_lampFaults: 'Неисправностей света', m_sensorFaults: 'Неисправностей датчиков', m_selfTestsFailed: 'Неудачных самопроверок',
    m_daysWithoutSelfTest: 'Дней без самопроверки', m_litMinutes: 'Свет включён, мин', m_nightMinutes: 'Ночь, мин',
    s_fromPress: 'Нажатие → хаб', s_toAcknowledge: '→ подтверждено', s_toDispatch: '→ наряд', s_toResolve: '→ закрыто',
  },
  kk: {
    title: 'Аумақты талдау', back: '← Пульт', link: 'Талдау', from: 'Басы', to: 'Соңы (қоспағанда)', district: 'Аудан',
    allDistricts: 'Барлық аудандар', posts: 'Бекеттер (үтір арқылы)', show: 'Көрсету', pdf: 'PDF есеп', headline: 'Қорытынды',
    where: 'Қайда', when: 'Қашан', fast: 'Қаншалықты жылдам', well: 'Бекеттер қалай жұмыс істейді', compare: 'Дейін және кейін',
    mapNote: 'Жылу картасы мен шеңберлер: бекеттер бойынша дабыл түймесін басу (шеңбер ауданы басу санымен өседі); қабаттар жоғарғы оң жақта қосылады.', layerHeat: 'Басулардың жылу картасы', layerCircles: 'Бекеттер бойынша шеңберлер',
    type: 'Түрі', slowest: 'Ең ұзақ расталғандар', compareButton: 'Салыстыру',
    beforeFrom: 'Дейін: басы', beforeTo: 'Дейін: соңы', afterFrom: 'Кейін: басы', afterTo: 'Кейін: соңы',
    post: 'Бекет', name: 'Атауы', incidents: 'Шақырулар', received: 'Алынды', median: 'медиана', p90: '90-шы процентиль',
    weekdays: ['Дс', 'Сс', 'Ср', 'Бс', 'Жм', 'Сн', 'Жс'], all: 'барлығы', measure: 'Көрсеткіш', before: 'Дейін', after: 'Кейін',
    change: 'Өзгеріс', signIn: 'Пультке кіріп, талдауды қайта ашыңыз.', forbidden: 'Талдау операторлар мен әкімшілерге қолжетімді.',
    m_posts: 'Бекеттер', m_presses: 'Түйме басулары', m_falsePresses: 'Жалған немесе сынақ', m_unacknowledged: 'Расталмаған',
    m_medianSecondsToAcknowledge: 'Растауға дейін медиана, с', m_p90SecondsToAcknowledge: 'Растауға дейін 90%, с',
    m_medianSecondsToDispatch: 'Жасақ жібергенге дейін медиана, с', m_p90SecondsToDispatch: 'Жасақ жібергенге дейін 90%, с',
    m_tamperEvents: 'Бұзу әрекеттері', m_doorEvents: 'Есік ашылуы', m_availabilityPct: 'Қолжетімділік, %',
    m_mainsOutages: 'Желі өшулері', m_mainsOutMinutes: 'Желісіз, мин', m_darkNightMinutes: 'Қараңғы түнгі минуттар',
    m_lampFaults: 'Жарық ақаулары', m_sensorFaults: 'Датчик ақаулары', m_selfTestsFailed: 'Сәтсіз өзін-өзі тексеру',
    m_daysWithoutSelfTest: 'Өзін-өзі тексерусіз күндер', m_litMinutes: 'Жарық қосулы, мин', m_nightMinutes: 'Түн, мин',
    s_fromPress: 'Басу → хаб', s_toAcknowledge: '→ расталды', s_toDispatch: '→ жасақ', s_toResolve: '→ жабылды',
  },
  en: {
    title: 'Territory analysis', back: '← Board', link: 'Analysis', from: 'From', to: 'To (exclusive)', district: 'District',
    allDistricts: 'All districts', posts: 'Posts (comma-separated)', show: 'Show', pdf: 'PDF report', headline: 'Totals',
    where: 'Where', when: 'When', fast: 'How fast', well: 'How well the posts work', compare: 'Before and after',
    mapNote: 'Heat map and circles: panic presses per post (circle area grows with presses); switch the layers at the top right.', layerHeat: 'Heat map of presses', layerCircles: 'Circles per post',
    type: 'Type', slowest: 'Slowest to be acknowledged', compareButton: 'Compare',
    beforeFrom: 'Before: from', beforeTo: 'Before: to', afterFrom: 'After: from', afterTo: 'After: to',
    post: 'Post', name: 'Name', incidents: 'Incidents', received: 'Received', median: 'median', p90: '90th percentile',
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], all: 'all', measure: 'Measure', before: 'Before', after: 'After',
    change: 'Change', signIn: 'Sign in on the board, then open the analysis again.', forbidden: 'The analysis is for operators and admins.',
    m_posts: 'Posts', m_presses: 'Panic presses', m_falsePresses: 'False or test presses', m_unacknowledged: 'Never acknowledged',
    m_medianSecondsToAcknowledge: 'Median to acknowledge, s', m_p90SecondsToAcknowledge: '90th pct to acknowledge, s',
    m_medianSecondsToDispatch: 'Median to dispatch, s', m_p90SecondsToDispatch: '90th pct to dispatch, s',
    m_tamperEvents: 'Tamper events', m_doorEvents: 'Door openings', m_availabilityPct: 'Availability, %',
    m_mainsOutages: 'Mains outages', m_mainsOutMinutes: 'Mains out, min', m_darkNightMinutes: 'Dark night minutes',
    m_lampFaults: 'Lamp faults', m_sensorFaults: 'Sensor faults', m_selfTestsFailed: 'Failed self-tests',
    m_daysWithoutSelfTest: 'Days without a self-test', m_litMinutes: 'Lit, min', m_nightMinutes: 'Night, min',
    s_fromPress: 'Press → hub', s_toAcknowledge: '→ acknowledged', s_toDispatch: '→ dispatched', s_toResolve: '→ resolved',
  },
};

export const LANGS = Object.keys(STRINGS);

export function analysisLang() {
  const l = localStorage.getItem('kuzet.lang');
  return LANGS.includes(l) ? l : 'ru';
}

export function setAnalysisLang(l) {
  localStorage.setItem('kuzet.lang', l);
}

/** The page's text for key in the current language; a missing one falls back to Russian, then to the key. */
export function at(key, l = analysisLang()) {
  return STRINGS[l]?.[key] ?? STRINGS.ru[key] ?? key;
}
