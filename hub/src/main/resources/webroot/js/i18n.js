// Russian is the operators' working language; Kazakh (the state language) and English are a switch away.
// Every visible word comes from here; BoardTranslationsTest fails when a key is missing in any language.
const STRINGS = {
  ru: {
    supTitle: 'Нагрузка тревог за смену', supBack: 'К пульту', supRate: 'Тревог за последние 10 минут',
    supBand_acceptable: 'приемлемо', supBand_demanding: 'высокая нагрузка', supBand_flood: 'поток тревог',
    supLastDay: 'За сутки', supAckMedian: 'Время подтверждения (медиана)', supAckSlowest: 'самое долгое',
    supShare: 'Доля по приоритетам за сутки', supStanding: 'Давно открытые тревоги (больше 30 минут)',
    supTop: 'Чаще всего тревожат (за сутки)', supNone: 'Нет.', supMinutes: '{n} мин',
    supSignIn: 'Войдите на пульте, затем откройте эту страницу снова.', supervisor: 'Нагрузка',
    floodBanner: '⚠ Поток тревог: {n} за 10 минут. По типам: {types}. По районам: {districts}. Тревожные кнопки остаются вверху.',
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
    hubsLine: 'Хабы: {list}',
    hubRole_active: 'основной',
    hubRole_standby: 'резервный',
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
    type_DOOR_OPEN_UNATTENDED: 'Открыта дверь закрытого поста', type_MAINS_LOST: 'Нет сетевого питания',
    type_BATTERY_LOW: 'Низкий заряд батареи', type_LAMP_FAULT: 'Неисправность освещения',
    type_SENSOR_FAULT: 'Неисправность датчика', type_TEMPERATURE_OUT_OF_RANGE: 'Температура вне нормы',
    type_SELF_TEST_FAILED: 'Самопроверка не пройдена', type_SEQUENCE_GAP: 'Потеряны сообщения поста',
    type_CLOCK_SKEW: 'Часы поста неточны',
    type_HARDWARE_FAULT: 'Неисправность оборудования поста', type_SELF_TEST_MISSING: 'Нет самопроверки в срок',
    newAlert: 'Новая тревога: {type}, {post}, {district}.',
    yes: 'да', no: 'нет', open: 'открыта', closed: 'закрыта', on: 'вкл', off: 'выкл', mains: 'сеть', battery: 'батарея',
    unknown: '—', ago: '{t} назад', never: 'никогда',
    detailUpdate: 'Обновление агента', updCurrent: 'Работает версия', updTarget: 'Назначена версия', updState: 'Состояние', updReason: 'Причина', updOnTrial: 'на испытании',
    upd_PENDING: 'ждёт своей очереди', upd_WAITING: 'отложено', upd_SENT: 'команда отправлена', upd_DOWNLOADING: 'загружается', upd_INSTALLED: 'установлено, перезапуск', upd_DONE: 'обновлено', upd_REFUSED: 'отклонено постом', upd_ROLLED_BACK: 'откат к прежней версии', upd_HALTED: 'раскатка остановлена',
    updr_PANIC_ACTIVE: 'на посту не закрыта тревожная кнопка', updr_TAMPERED: 'пакет изменён', updr_WRONG_KEY: 'подписан чужим ключом', updr_DOWNGRADE: 'версия старее текущей', updr_TRUNCATED: 'загрузка не завершена', updr_NOT_APPLICABLE: 'пост не может принять обновление', updr_TRIAL_FAILED: 'новая версия не прошла проверку',
    ev_UPDATE_STATUS: 'Обновление агента',
    detailReadings: 'Показания', detailCharts: 'Последние часы', detailEvents: 'События', detailCommands: 'Команды',
    temperatureC: 'Температура, °C', humidityPct: 'Влажность, %', batteryV: 'Батарея, В', mainsPresent: 'Сетевое питание',
    doorOpen: 'Дверь', tamper: 'Датчик вскрытия', motion: 'Движение', floodlightsOn: 'Прожекторы', interiorLightOn: 'Свет внутри',
    beaconOn: 'Маячок', outboxDepth: 'Неотправленных сообщений', outboxPurged: 'Удалено из переполненной очереди', agentVersion: 'Версия агента', coordinates: 'Координаты',
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
    ev_SELF_TEST_RESULT: 'Результат самопроверки', ev_HARDWARE_FAULT: 'Неисправность оборудования',
    ev_SELF_TEST_POSTPONED: 'Самопроверка отложена',
  },
  kk: {
    supTitle: 'Ауысымдағы дабыл жүктемесі', supBack: 'Пультке', supRate: 'Соңғы 10 минуттағы дабылдар',
    supBand_acceptable: 'қалыпты', supBand_demanding: 'жоғары жүктеме', supBand_flood: 'дабылдар ағыны',
    supLastDay: 'Тәулік ішінде', supAckMedian: 'Растау уақыты (медиана)', supAckSlowest: 'ең ұзағы',
    supShare: 'Тәуліктегі басымдық бойынша үлес', supStanding: 'Ұзақ ашық тұрған дабылдар (30 минуттан астам)',
    supTop: 'Ең жиі дабыл беретіндер (тәулік)', supNone: 'Жоқ.', supMinutes: '{n} мин',
    supSignIn: 'Пультке кіріп, осы бетті қайта ашыңыз.', supervisor: 'Жүктеме',
    floodBanner: '⚠ Дабылдар ағыны: 10 минутта {n}. Түрлері: {types}. Аудандар: {districts}. Дабыл түймелері жоғарыда қалады.',
    appTitle: 'Kuzet — кезекші пульті', skipToAlerts: 'Дабылдар кезегіне өту',
    username: 'Пайдаланушы аты', password: 'Құпиясөз', signIn: 'Кіру', signOut: 'Шығу',
    startShift: '▶ Ауысымды бастау (дыбысты қосу)', shiftStarted: '♪ Ауысым жүріп жатыр, дыбыс қосулы',
    soundOff: '✖ Дыбыс өшірулі: дабылдарды есту үшін «Ауысымды бастау» батырмасын басыңыз.',
    operators: 'Операторлар', alertQueue: 'Дабылдар кезегі', noAlerts: 'Ашық дабылдар жоқ.',
    map: 'Бекеттер картасы', tilesUnavailable: 'Карта негізі қолжетімсіз: бекеттер координаттары бойынша көрсетілген.',
    posts: 'Бекеттер', colName: 'Бекет', colStatus: 'Күйі', colLastSeen: 'Байланыста', colTemp: 'Темп.',
    colPower: 'Қоректену', colLights: 'Жарық', colDoor: 'Есік',
    resolveTitle: 'Дабылды жабу', resolveNote: 'Не болды және не істелді (міндетті)',
    resolve: 'Жабу', cancel: 'Болдырмау', noteRequired: 'Жазба жазыңыз: онсыз дабылды жабуға болмайды.',
    ack: 'Растау', dispatch: 'Жасақ жіберу', close: 'Панельді жабу',
    wrongPassword: 'Пайдаланушы аты немесе құпиясөз қате.',
    throttled: 'Осы компьютерден қате әрекеттер тым көп. {s} с кейін қайталаңыз.',
    busy: 'Сервер басқа кірулерді тексеріп жатыр. {s} с кейін қайталаңыз.',
    fillBoth: 'Пайдаланушы аты мен құпиясөзді енгізіңіз.',
    connectionLost: '✖ Хабпен байланыс {since} үзілді. Қайта қосылуда… Экрандағы деректер ескірген болуы мүмкін.',
    hubDegraded: '⚠ Хаб ақау туралы хабарлайды: {what}.',
    hubsLine: 'Хабтар: {list}',
    hubRole_active: 'негізгі',
    hubRole_standby: 'резервтік',
    signedInAs: '{user} ({role})',
    role_viewer: 'бақылаушы', role_operator: 'оператор', role_admin: 'әкімші',
    status_online: 'Желіде', status_offline: 'Байланыс жоқ', status_unknown: 'Белгісіз', status_alert: 'Дабыл', status_warning: 'Назар аударыңыз',
    maintenance: 'Қызмет көрсету', chatter: 'Іске қосылу саны: {n}',
    shelve: 'Кейінге қалдыру', shelveTitle: 'Дабылды кейінге қалдыру', shelveMinutes: 'Қанша уақытқа', shelveReason: 'Себебі (міндетті)',
    shelvedTitle: 'Кейінге қалдырылғандар', shelvedUntil: '{until} дейін, {by}; ұсталды: {n}', unshelve: 'Қайтару',
    minutes: '{n} мин', reasonRequired: 'Себебін жазыңыз: онсыз кейінге қалдыруға болмайды.',
    sev_CRITICAL: 'Өте маңызды', sev_MAJOR: 'Маңызды', sev_MINOR: 'Шамалы',
    state_OPEN: 'Расталмаған', state_ACKNOWLEDGED: 'Расталған', state_RESOLVED: 'Жабылған',
    dispatched: 'Жасақ жіберілді', escalated: 'Эскалация {n}', grouped: 'Топ: {n} дабыл', incident: 'Оқиға',
    repeats: 'Қайта басулар: {n}', age: 'Өткен уақыт',
    type_PANIC: 'ДАБЫЛ ТҮЙМЕСІ', type_POST_OFFLINE: 'Бекет байланыста емес', type_TAMPER: 'Ашу / бұзу',
    type_DOOR_OPEN_UNATTENDED: 'Жабық бекеттің есігі ашылды', type_MAINS_LOST: 'Желілік қорек жоқ',
    type_BATTERY_LOW: 'Батарея заряды төмен', type_LAMP_FAULT: 'Жарықтандыру ақауы',
    type_SENSOR_FAULT: 'Датчик ақауы', type_TEMPERATURE_OUT_OF_RANGE: 'Температура нормадан тыс',
    type_SELF_TEST_FAILED: 'Өзін-өзі тексеруден өтпеді', type_SEQUENCE_GAP: 'Бекет хабарламалары жоғалды',
    type_CLOCK_SKEW: 'Бекет сағаты дәл емес',
    type_HARDWARE_FAULT: 'Бекет жабдығының ақауы', type_SELF_TEST_MISSING: 'Өзін-өзі тексеру уақытында болмады',
    newAlert: 'Жаңа дабыл: {type}, {post}, {district}.',
    yes: 'иә', no: 'жоқ', open: 'ашық', closed: 'жабық', on: 'қосулы', off: 'өшірулі', mains: 'желі', battery: 'батарея',
    unknown: '—', ago: '{t} бұрын', never: 'ешқашан',
    detailUpdate: 'Агентті жаңарту', updCurrent: 'Жұмыс істеп тұрған нұсқа', updTarget: 'Тағайындалған нұсқа', updState: 'Күйі', updReason: 'Себебі', updOnTrial: 'сынақта',
    upd_PENDING: 'кезегін күтуде', upd_WAITING: 'кейінге қалдырылды', upd_SENT: 'команда жіберілді', upd_DOWNLOADING: 'жүктелуде', upd_INSTALLED: 'орнатылды, қайта іске қосылуда', upd_DONE: 'жаңартылды', upd_REFUSED: 'бекет қабылдамады', upd_ROLLED_BACK: 'бұрынғы нұсқаға қайтарылды', upd_HALTED: 'тарату тоқтатылды',
    updr_PANIC_ACTIVE: 'бекетте дабыл түймесі жабылмаған', updr_TAMPERED: 'пакет өзгертілген', updr_WRONG_KEY: 'бөгде кілтпен қол қойылған', updr_DOWNGRADE: 'нұсқа қазіргіден ескі', updr_TRUNCATED: 'жүктеу аяқталмады', updr_NOT_APPLICABLE: 'бекет жаңартуды қабылдай алмайды', updr_TRIAL_FAILED: 'жаңа нұсқа тексеруден өтпеді',
    ev_UPDATE_STATUS: 'Агентті жаңарту',
    detailReadings: 'Көрсеткіштер', detailCharts: 'Соңғы сағаттар', detailEvents: 'Оқиғалар', detailCommands: 'Командалар',
    temperatureC: 'Температура, °C', humidityPct: 'Ылғалдылық, %', batteryV: 'Батарея, В', mainsPresent: 'Желілік қорек',
    doorOpen: 'Есік', tamper: 'Ашу датчигі', motion: 'Қозғалыс', floodlightsOn: 'Прожекторлар', interiorLightOn: 'Ішкі жарық',
    beaconOn: 'Маяк', outboxDepth: 'Жіберілмеген хабарламалар', outboxPurged: 'Толған кезектен өшірілгені', agentVersion: 'Агент нұсқасы', coordinates: 'Координаттар',
    noEvents: 'Оқиғалар жоқ.', noHistory: 'Соңғы сағаттарда деректер жоқ.',
    cmdFloodOn: 'Прожекторлар: қосу', cmdFloodOff: 'Прожекторлар: өшіру', cmdFloodAuto: 'Прожекторлар: авто',
    cmdBeaconOn: 'Маяк: қосу', cmdBeaconOff: 'Маяк: өшіру', cmdSelfTest: 'Өзін-өзі тексеру',
    cmdSending: '… Жіберілді, бекеттің жауабы күтілуде…', cmdOk: '✓ Бекет команданы орындады', cmdError: '✗ Бекет қатемен жауап берді: {e}',
    cmdTimeout: '◷ Бекет уақытында жауап бермеді', cmdFailed: '✗ Жіберу мүмкін болмады: {e}',
    viewerNoCommands: '«Бақылаушы» рөлі команда жібере алмайды.',
    actionFailed: 'Сәтсіз: {e}',
    opUsername: 'Аты', opRole: 'Рөлі', opLocked: 'Бұғаттау', opAdd: 'Қосу', opNew: 'Жаңа оператор',
    opCreated: '{user} құрылды. Құпиясөз (бір рет көрсетіледі): {pw}', opUnlock: 'Бұғаттан шығару', opDelete: 'Жою',
    ev_PANIC: 'Дабыл түймесі басылды', ev_PANIC_REPEAT: 'Қайта басылды', ev_DOOR_OPENED: 'Есік ашылды',
    ev_DOOR_CLOSED: 'Есік жабылды', ev_TAMPER: 'Ашу', ev_MAINS_LOST: 'Қорек жоғалды', ev_MAINS_RESTORED: 'Қорек қалпына келді',
    ev_MOTION: 'Қозғалыс', ev_LAMP_FAULT: 'Шам ақауы', ev_SENSOR_FAULT: 'Датчик ақауы',
    ev_SELF_TEST_RESULT: 'Өзін-өзі тексеру нәтижесі', ev_HARDWARE_FAULT: 'Жабдық ақауы',
    ev_SELF_TEST_POSTPONED: 'Өзін-өзі тексеру кейінге қалдырылды',
  },
  en: {
    supTitle: 'Alarm load of the shift', supBack: 'To the board', supRate: 'Alarms in the last 10 minutes',
    supBand_acceptable: 'acceptable', supBand_demanding: 'demanding', supBand_flood: 'alarm flood',
    supLastDay: 'Last 24 hours', supAckMedian: 'Time to acknowledge (median)', supAckSlowest: 'slowest',
    supShare: 'Share by priority, last 24 hours', supStanding: 'Standing alarms (open more than 30 minutes)',
    supTop: 'Most frequent sources (24 hours)', supNone: 'None.', supMinutes: '{n} min',
    supSignIn: 'Sign in on the board, then open this page again.', supervisor: 'Alarm load',
    floodBanner: '⚠ Alarm flood: {n} in 10 minutes. By type: {types}. By district: {districts}. Panic buttons stay on top.',
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
    hubsLine: 'Hubs: {list}',
    hubRole_active: 'active',
    hubRole_standby: 'standby',
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
    type_DOOR_OPEN_UNATTENDED: 'Door opened at a closed post', type_MAINS_LOST: 'Mains power lost',
    type_BATTERY_LOW: 'Low battery', type_LAMP_FAULT: 'Lamp fault',
    type_SENSOR_FAULT: 'Sensor fault', type_TEMPERATURE_OUT_OF_RANGE: 'Temperature out of range',
    type_SELF_TEST_FAILED: 'Self-test failed', type_SEQUENCE_GAP: 'Messages from the post lost',
    type_CLOCK_SKEW: 'Post clock is off',
    type_HARDWARE_FAULT: 'Post hardware fault', type_SELF_TEST_MISSING: 'Self-test overdue',
    newAlert: 'New alert: {type}, {post}, {district}.',
    yes: 'yes', no: 'no', open: 'open', closed: 'closed', on: 'on', off: 'off', mains: 'mains', battery: 'battery',
    unknown: '—', ago: '{t} ago', never: 'never',
    detailUpdate: 'Agent update', updCurrent: 'Running version', updTarget: 'Target version', updState: 'State', updReason: 'Reason', updOnTrial: 'on trial',
    upd_PENDING: 'waiting for its stage', upd_WAITING: 'held back', upd_SENT: 'command sent', upd_DOWNLOADING: 'downloading', upd_INSTALLED: 'installed, restarting', upd_DONE: 'updated', upd_REFUSED: 'refused by the post', upd_ROLLED_BACK: 'rolled back to the previous version', upd_HALTED: 'rollout halted',
    updr_PANIC_ACTIVE: 'a panic at the post is not resolved', updr_TAMPERED: 'the bundle was altered', updr_WRONG_KEY: 'signed by another key', updr_DOWNGRADE: 'older than the running version', updr_TRUNCATED: 'the download was incomplete', updr_NOT_APPLICABLE: 'the post cannot take the update', updr_TRIAL_FAILED: 'the new version failed its checks',
    ev_UPDATE_STATUS: 'Agent update',
    detailReadings: 'Readings', detailCharts: 'Last hours', detailEvents: 'Events', detailCommands: 'Commands',
    temperatureC: 'Temperature, °C', humidityPct: 'Humidity, %', batteryV: 'Battery, V', mainsPresent: 'Mains power',
    doorOpen: 'Door', tamper: 'Tamper switch', motion: 'Motion', floodlightsOn: 'Floodlights', interiorLightOn: 'Interior light',
    beaconOn: 'Beacon', outboxDepth: 'Unsent messages', outboxPurged: 'Dropped from the full outbox', agentVersion: 'Agent version', coordinates: 'Coordinates',
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
    ev_SELF_TEST_RESULT: 'Self-test result', ev_HARDWARE_FAULT: 'Hardware fault',
    ev_SELF_TEST_POSTPONED: 'Self-test postponed',
  },
};

/** The switch goes round in this order; each language's name is written in that language. */
const LANGS = ['ru', 'kk', 'en'];
const LANG_NAMES = { ru: 'Русский', kk: 'Қазақша', en: 'English' };
const LOCALES = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };

let current = LANGS.includes(localStorage.getItem('kuzet.lang')) ? localStorage.getItem('kuzet.lang') : 'ru';
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
  const next = nextLang();
  root.querySelectorAll('[data-lang-switch]').forEach((el) => {
    el.textContent = LANG_NAMES[next];
    el.lang = next;
  });
  document.title = t('appTitle');
}

function nextLang() {
  return LANGS[(LANGS.indexOf(current) + 1) % LANGS.length];
}

export function toggleLang() {
  current = nextLang();
  localStorage.setItem('kuzet.lang', current);
  applyStatic();
  listeners.forEach((fn) => fn(current));
}

export function onLangChange(fn) {
  listeners.push(fn);
}

/** "00:42", "12:05", "1:02:33": an age that reads the same in every language. */
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
  return new Date(iso).toLocaleString(LOCALES[current],
    { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function ago(iso, now = Date.now()) {
  if (!iso) return t('never');
  return t('ago', { t: clock(now - Date.parse(iso)) });
}
