// Russian is the operators' working language; English is a switch away. Every visible word comes from here.
const STRINGS = {
  ru: {
    appTitle: 'Kuzet — пульт дежурного', skipToAlerts: 'К очереди тревог',
    username: 'Имя пользователя', password: 'Пароль', signIn: 'Войти', signOut: 'Выйти',
    startShift: '▶ Начать смену (включить звук)', shiftStarted: '♪ Смена идёт, звук включён',
    soundOff: '✖ Звук выключен: нажмите «Начать смену», чтобы слышать тревоги.',
    operators: 'Операторы', alertQueue: 'Очередь тревог', noAlerts: 'Открытых тревог нет.',
    map: 'Карта постов', tilesUnavailable: 'Подложка карты недоступна: посты показаны по координатам.',
    posts: 'Посты', colName: 'Пост', colStatus: 'Состояние', colLastSeen: 'На связи', colTemp: 'Темп.',
    colPower: 'Питание', colLights: 'Свет', colDoor: 'Дверь',
    resolveTitle: 'Закрыть тревогу', resolveNote: 'Что произошло и что сделано (обязательно)',
    resolve: 'Закрыть', cancel: 'Отмена', noteRequired: 'Напишите заметку: без неё тревогу не закрыть.',
    ack: 'Подтвердить', dispatch: 'Направить наряд', close: 'Закрыть панель',
    wrongPassword: 'Неверное имя пользователя или пароль.',
    throttled: 'Слишком много неверных попыток с этого компьютера. Повторите через {s} с.',
    busy: 'Сервер занят проверкой других входов. Повторите через {s} с.',
    fillBoth: 'Введите имя пользователя и пароль.',
    connectionLost: '✖ Связь с хабом потеряна {since}. Переподключение… Данные на экране могут быть устаревшими.',
    hubDegraded: '⚠ Хаб сообщает о неполадке: {what}.',
    signedInAs: '{user} ({role})',
    role_viewer: 'наблюдатель', role_operator: 'оператор', role_admin: 'администратор',
    status_online: 'В сети', status_offline: 'Нет связи', status_unknown: 'Неизвестно', status_alert: 'Тревога', status_warning: 'Внимание',
    maintenance: 'Обслуживание', chatter: 'Срабатываний: {n}',
    shelve: 'Отложить', shelveTitle: 'Отложить тревогу', shelveMinutes: 'На сколько', shelveReason: 'Причина (обязательно)',
    shelvedTitle: 'Отложенные', shelvedUntil: 'до {until}, {by}; задержано: {n}', unshelve: 'Вернуть',
    minutes: '{n} мин', reasonRequired: 'Напишите причину: без неё отложить нельзя.',
    sev_CRITICAL: 'Критично', sev_MAJOR: 'Важно', sev_MINOR: 'Незначительно',
    state_OPEN: 'Не подтверждена', state_ACKNOWLEDGED: 'Подтверждена', state_RESOLVED: 'Закрыта',
    dispatched: 'Наряд направлен', escalated: 'Эскалация {n}', grouped: 'Группа: {n} тревог', incident: 'Инцидент',
    repeats: 'Повторных нажатий: {n}', age: 'Прошло',
    type_PANIC: 'ТРЕВОЖНАЯ КНОПКА', type_POST_OFFLINE: 'Пост не на связи', type_TAMPER: 'Вскрытие / взлом',
    type_DOOR_OPEN: 'Дверь открыта', type_MAINS_LOST: 'Нет сетевого питания', type_LOW_BATTERY: 'Низкий заряд батареи',
    type_LAMP_FAULT: 'Неисправность освещения', type_SENSOR_FAULT: 'Неисправность датчика', type_TEMPERATURE: 'Температура',
    newAlert: 'Новая тревога: {type}, {post}, {district}.',
    yes: 'да', no: 'нет', open: 'открыта', closed: 'закрыта', on: 'вкл', off: 'выкл', mains: 'сеть', battery: 'батарея',
    unknown: '—', ago: '{t} назад', never: 'никогда',
    detailReadings: 'Показания', detailCharts: 'Последние часы', detailEvents: 'События', detailCommands: 'Команды',
    temperatureC: 'Температура, °C', humidityPct: 'Влажность, %', batteryV: 'Батарея, В', mainsPresent: 'Сетевое питание',
    doorOpen: 'Дверь', tamper: 'Датчик вскрытия', motion: 'Движение', floodlightsOn: 'Прожекторы', interiorLightOn: 'Свет внутри',
    beaconOn: 'Маячок', outboxDepth: 'Неотправленных сообщений', agentVersion: 'Версия агента', coordinates: 'Координаты',
    noEvents: 'Событий нет.', noHistory: 'Нет данных за последние часы.',
    cmdFloodOn: 'Прожекторы: вкл', cmdFloodOff: 'Прожекторы: выкл', cmdFloodAuto: 'Прожекторы: авто',
    cmdBeaconOn: 'Маячок: вкл', cmdBeaconOff: 'Маячок: выкл', cmdSelfTest: 'Самопроверка',
    cmdSending: '… Отправлено, ждём ответа поста…', cmdOk: '✓ Пост выполнил команду', cmdError: '✗ Пост ответил ошибкой: {e}',
    cmdTimeout: '◷ Пост не ответил вовремя', cmdFailed: '✗ Не удалось отправить: {e}',
    viewerNoCommands: 'Роль «наблюдатель» не может отправлять команды.',
    actionFailed: 'Не удалось: {e}',
    opUsername: 'Имя', opRole: 'Роль', opLocked: 'Блокировка', opAdd: 'Добавить', opNew: 'Новый оператор',
    opCreated: 'Создан {user}. Пароль (показан один раз): {pw}', opUnlock: 'Разблокировать', opDelete: 'Удалить',
    ev_PANIC: 'Нажата тревожная кнопка', ev_PANIC_REPEAT: 'Повторное нажатие', ev_DOOR_OPENED: 'Дверь открыта',
    ev_DOOR_CLOSED: 'Дверь закрыта', ev_TAMPER: 'Вскрытие', ev_MAINS_LOST: 'Пропало питание', ev_MAINS_RESTORED: 'Питание восстановлено',
    ev_MOTION: 'Движение', ev_LAMP_FAULT: 'Неисправность лампы', ev_SENSOR_FAULT: 'Неисправность датчика',
    ev_SELF_TEST_RESULT: 'Результат самопроверки',
  },
  en: {
    appTitle: 'Kuzet — duty board', skipToAlerts: 'Skip to the alert queue',
    username: 'Username', password: 'Password', signIn: 'Sign in', signOut: 'Sign out',
    startShift: '▶ Start shift (turn sound on)', shiftStarted: '♪ Shift on, sound on',
    soundOff: '✖ Sound is off: press “Start shift” to hear alerts.',
    operators: 'Operators', alertQueue: 'Alert queue', noAlerts: 'No open alerts.',
    map: 'Post map', tilesUnavailable: 'Map tiles unavailable: posts are drawn by their coordinates.',
    posts: 'Posts', colName: 'Post', colStatus: 'Status', colLastSeen: 'Last seen', colTemp: 'Temp.',
    colPower: 'Power', colLights: 'Lights', colDoor: 'Door',
    resolveTitle: 'Resolve alert', resolveNote: 'What happened and what was done (required)',
    resolve: 'Resolve', cancel: 'Cancel', noteRequired: 'Write a note: an alert cannot be resolved without one.',
    ack: 'Acknowledge', dispatch: 'Dispatch unit', close: 'Close panel',
    wrongPassword: 'Wrong username or password.',
    throttled: 'Too many wrong attempts from this computer. Try again in {s} s.',
    busy: 'The hub is busy checking other sign-ins. Try again in {s} s.',
    fillBoth: 'Enter your username and password.',
    connectionLost: '✖ Connection to the hub lost {since}. Reconnecting… What you see may be out of date.',
    hubDegraded: '⚠ The hub reports a problem: {what}.',
    signedInAs: '{user} ({role})',
    role_viewer: 'viewer', role_operator: 'operator', role_admin: 'admin',
    status_online: 'Online', status_offline: 'Offline', status_unknown: 'Unknown', status_alert: 'In alert', status_warning: 'Attention',
    maintenance: 'Maintenance', chatter: 'Raised {n} times',
    shelve: 'Shelve', shelveTitle: 'Shelve alert', shelveMinutes: 'For how long', shelveReason: 'Reason (required)',
    shelvedTitle: 'Shelved', shelvedUntil: 'until {until}, {by}; held back: {n}', unshelve: 'Unshelve',
    minutes: '{n} min', reasonRequired: 'Write a reason: nothing can be shelved without one.',
    sev_CRITICAL: 'Critical', sev_MAJOR: 'Major', sev_MINOR: 'Minor',
    state_OPEN: 'Not acknowledged', state_ACKNOWLEDGED: 'Acknowledged', state_RESOLVED: 'Resolved',
    dispatched: 'Unit dispatched', escalated: 'Escalated {n}', grouped: 'Group: {n} alerts', incident: 'Incident',
    repeats: 'Repeat presses: {n}', age: 'Age',
    type_PANIC: 'PANIC BUTTON', type_POST_OFFLINE: 'Post offline', type_TAMPER: 'Tamper',
    type_DOOR_OPEN: 'Door open', type_MAINS_LOST: 'Mains power lost', type_LOW_BATTERY: 'Low battery',
    type_LAMP_FAULT: 'Lamp fault', type_SENSOR_FAULT: 'Sensor fault', type_TEMPERATURE: 'Temperature',
    newAlert: 'New alert: {type}, {post}, {district}.',
    yes: 'yes', no: 'no', open: 'open', closed: 'closed', on: 'on', off: 'off', mains: 'mains', battery: 'battery',
    unknown: '—', ago: '{t} ago', never: 'never',
    detailReadings: 'Readings', detailCharts: 'Last hours', detailEvents: 'Events', detailCommands: 'Commands',
    temperatureC: 'Temperature, °C', humidityPct: 'Humidity, %', batteryV: 'Battery, V', mainsPresent: 'Mains power',
    doorOpen: 'Door', tamper: 'Tamper switch', motion: 'Motion', floodlightsOn: 'Floodlights', interiorLightOn: 'Interior light',
    beaconOn: 'Beacon', outboxDepth: 'Unsent messages', agentVersion: 'Agent version', coordinates: 'Coordinates',
    noEvents: 'No events.', noHistory: 'No data for the last hours.',
    cmdFloodOn: 'Floodlights on', cmdFloodOff: 'Floodlights off', cmdFloodAuto: 'Floodlights auto',
    cmdBeaconOn: 'Beacon on', cmdBeaconOff: 'Beacon off', cmdSelfTest: 'Self-test',
    cmdSending: '… Sent, waiting for the post…', cmdOk: '✓ The post carried it out', cmdError: '✗ The post answered with an error: {e}',
    cmdTimeout: '◷ The post did not answer in time', cmdFailed: '✗ Could not send: {e}',
    viewerNoCommands: 'The viewer role cannot send commands.',
    actionFailed: 'Failed: {e}',
    opUsername: 'Username', opRole: 'Role', opLocked: 'Locked', opAdd: 'Add', opNew: 'New operator',
    opCreated: 'Created {user}. Password (shown once): {pw}', opUnlock: 'Unlock', opDelete: 'Remove',
    ev_PANIC: 'Panic button pressed', ev_PANIC_REPEAT: 'Pressed again', ev_DOOR_OPENED: 'Door opened',
    ev_DOOR_CLOSED: 'Door closed', ev_TAMPER: 'Tamper', ev_MAINS_LOST: 'Mains lost', ev_MAINS_RESTORED: 'Mains restored',
    ev_MOTION: 'Motion', ev_LAMP_FAULT: 'Lamp fault', ev_SENSOR_FAULT: 'Sensor fault',
    ev_SELF_TEST_RESULT: 'Self-test result',
  },
};

let current = localStorage.getItem('kuzet.lang') === 'en' ? 'en' : 'ru';
const listeners = [];

export function lang() {
  return current;
}

/** The text for `key`, with {name} placeholders filled; an unknown key shows itself so a gap is visible, not blank. */
export function t(key, vars = {}) {
  const s = STRINGS[current][key] ?? STRINGS.ru[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? ''));
}

/** Like t(), but for an open-ended code (alert type, event kind) that may have no translation yet. */
export function label(prefix, code) {
  const key = prefix + code;
  return STRINGS[current][key] ?? STRINGS.ru[key] ?? String(code).replaceAll('_', ' ');
}

export function applyStatic(root = document) {
  document.documentElement.lang = current;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-lang-switch]').forEach((el) => {
    el.textContent = current === 'ru' ? 'English' : 'Русский';
    el.lang = current === 'ru' ? 'en' : 'ru';
  });
  document.title = t('appTitle');
}

export function toggleLang() {
  current = current === 'ru' ? 'en' : 'ru';
  localStorage.setItem('kuzet.lang', current);
  applyStatic();
  listeners.forEach((fn) => fn(current));
}

export function onLangChange(fn) {
  listeners.push(fn);
}

/** "00:42", "12:05", "1:02:33": an age that reads the same in both languages. */
export function clock(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function timeOfDay(iso) {
  if (!iso) return t('unknown');
  return new Date(iso).toLocaleString(current === 'ru' ? 'ru-RU' : 'en-GB',
    { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function ago(iso, now = Date.now()) {
  if (!iso) return t('never');
  return t('ago', { t: clock(now - Date.parse(iso)) });
}
