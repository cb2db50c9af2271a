// Wires the board together: sign-in, the initial snapshot, the live stream, and the once-a-second clock.
import { api, setCsrf } from './api.js';
import { t, label, applyStatic, toggleLang, onLangChange, timeOfDay, lang } from './i18n.js';
import { AlertQueue, setKinds } from './alerts.js';
import { PostList } from './posts.js';
import { PostMap } from './map.js';
import { PostDetail } from './detail.js';
import { connect } from './stream.js';
import { startShift, soundOn, alarm } from './sound.js';
import { OperatorAdmin } from './operators.js';
import { RolloutView } from './rollouts.js';
import { at as analysisText } from './analysis-i18n.js';
import { Shelves } from './shelves.js';

const $ = (id) => document.getElementById(id);
const state = { me: null, posts: new Map(), stream: null, lostSince: null, resyncing: null };
const canAct = () => state.me && (state.me.role === 'operator' || state.me.role === 'admin');

let queue;
let list;
let map;
let detail;
let admin;
let shelves;

function showSignIn() {
  state.me = null;
  if (state.stream) state.stream.close();
  state.stream = null;
  alarm(false);
  $('board').hidden = true;
  $('signin').hidden = false;
  $('signin-user').focus();
}

async function signIn(e) {
  e.preventDefault();
  const username = $('signin-user').value.trim();
  const password = $('signin-pass').value;
  const error = $('signin-error');
  if (!username || !password) {
    error.textContent = t('fillBoth');
    return;
  }
  try {
    const me = await api('POST', '/api/session', { username, password });
    $('signin-pass').value = '';
    error.textContent = '';
    await startBoard(me);
  } catch (err) {
    if (err.status === 429 || err.status === 503) {
      error.textContent = t(err.status === 503 ? 'busy' : 'throttled', { s: err.body?.retryAfterS ?? '?' });
    } else if (err.status === 401) {
      error.textContent = t('wrongPassword');
    } else {
      error.textContent = t('actionFailed', { e: err.message });
    }
  }
}

// the district analysis is for those who may see the incident report: operators and admins
function analysisLink(me) {
  $('analysis-link').hidden = !(me.role === 'operator' || me.role === 'admin');
  $('analysis-link').textContent = analysisText('link', lang());
}

async function startBoard(me) {
  state.me = me;
  setCsrf(me.csrfToken);
  $('signin').hidden = true;
  $('board').hidden = false;
  document.body.dataset.role = me.role;
  $('whoami').textContent = t('signedInAs', { user: me.username, role: t(`role_${me.role}`) });
  $('operators-button').hidden = me.role !== 'admin';
  analysisLink(me);
  if (!map) {
    const settings = await api('GET', '/api/board-settings');
    map = new PostMap({ container: $('map'), notice: $('map-notice'), onShowPost: showPost, settings });
  }
  map.invalidate();
  await resync();
  state.stream = connect({
    onAlert: (a) => { queue.upsert(a); if (detail.postId === a.postId) detail.reload(); },
    onPost: (p) => { state.posts.set(p.id, p); renderPosts(); detail.update(p); },
    onHub: (h) => { showHubHealth(h); refreshHubs(); },
    onShelf: (s) => shelves.changed(s),
    onUp: () => {
      const wasLost = state.lostSince !== null;
      state.lostSince = null;
      $('banner-connection').hidden = true;
      // after an outage the hub may have restarted and lost its replay buffer: take a fresh snapshot
      if (wasLost) resync();
    },
    onDown: () => {
      if (state.lostSince === null) state.lostSince = Date.now();
      showConnectionLost();
    },
  });
}

async function resync() {
  if (state.resyncing) return state.resyncing;
  state.resyncing = (async () => {
    try {
      const [posts, alerts, kinds] = await Promise.all([api('GET', '/api/posts'), api('GET', '/api/alerts'),
        api('GET', '/api/alert-types')]);
      setKinds(kinds);
      await shelves.load();
      refreshLoad();
      refreshHubs();
      state.posts = new Map(posts.map((p) => [p.id, p]));
      renderPosts();
      queue.setAll(alerts);
    } catch (e) {
      if (e.status !== 401) showConnectionLost();
    } finally {
      state.resyncing = null;
    }
  })();
  return state.resyncing;
}

function renderPosts() {
  const posts = [...state.posts.values()];
  list.render(posts);
  map.render(posts);
}

function showPost(id) {
  detail.show(id);
}

function showConnectionLost() {
  if (state.lostSince === null) return;
  const banner = $('banner-connection');
  banner.textContent = t('connectionLost', { since: timeOfDay(new Date(state.lostSince).toISOString()) });
  banner.hidden = false;
}

function showHubHealth(h) {
  const down = Object.entries(h).filter(([, v]) => String(v).toLowerCase() === 'down').map(([k]) => k);
  const banner = $('banner-hub');
  banner.hidden = down.length === 0;
  banner.textContent = down.length ? t('hubDegraded', { what: down.join(', ') }) : '';
}

/** Which hubs are up (the active one and its standbys), so an operator sees the centre has a spare. */
async function refreshHubs() {
  try {
    const { hubs } = await api('GET', '/api/hubs');
    state.hubs = hubs;
  } catch {
    return;
  }
  showHubs();
}

function showHubs() {
  if (!state.hubs) return;
  $('hubs').textContent = t('hubsLine', {
    list: state.hubs.map((h) => `${h.hubId} (${t(`hubRole_${h.role}`)})`).join(', ') });
}

/** EEMUA 191: more than 10 alarms in 10 minutes is a flood; say so and summarise instead of only stacking cards. */
async function refreshLoad() {
  if (!state.me) return;
  try {
    state.load = await api('GET', '/api/alarm-load');
  } catch {
    return;
  }
  showFlood();
}

function showFlood() {
  const f = state.load?.flood;
  const banner = $('banner-flood');
  banner.hidden = !f;
  if (!f) return;
  const list = (m, fmt) => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${fmt(k)} ${n}`).join(', ');
  banner.textContent = t('floodBanner', { n: state.load.lastTenMinutes,
    types: list(f.byType, (k) => label('type_', k)), districts: list(f.byDistrict, (k) => k) });
}

function refreshAlarm() {
  const loud = queue.hasLoudPanic();
  alarm(loud && soundOn());
  document.body.classList.toggle('panic', loud);
  document.title = (loud ? '⚠ ' : '') + t('appTitle');
}

function refreshSoundUi() {
  const on = soundOn();
  $('banner-sound').hidden = on;
  $('start-shift').textContent = on ? t('shiftStarted') : t('startShift');
  $('start-shift').setAttribute('aria-pressed', String(on));
  refreshAlarm();
}

function openResolve(alert) {
  const dialog = $('resolve-dialog');
  $('resolve-what').textContent = `${label('type_', alert.type)} · ${alert.postName || alert.postId}`;
  $('resolve-note').value = '';
  $('resolve-error').textContent = '';
  dialog.dataset.alertId = alert.id;
  dialog.showModal();
  $('resolve-note').focus();
}

async function submitResolve(e) {
  e.preventDefault();
  const dialog = $('resolve-dialog');
  const note = $('resolve-note').value.trim();
  if (!note) {
    $('resolve-error').textContent = t('noteRequired');
    $('resolve-note').focus();
    return;
  }
  try {
    queue.upsert(await api('POST', `/api/alerts/${encodeURIComponent(dialog.dataset.alertId)}/resolve`, { note }));
    dialog.close();
  } catch (err) {
    $('resolve-error').textContent = t('actionFailed', { e: err.message });
  }
}

function init() {
  applyStatic();
  queue = new AlertQueue({
    list: $('alert-list'), empty: $('alerts-empty'), count: $('alert-count'), announcer: $('announcer'),
    canAct, onChange: refreshAlarm, onShowPost: showPost, onResolve: openResolve,
    onShelve: (a) => shelves.open(a), onError: (msg) => { $('announcer').textContent = msg; window.alert(msg); },
  });
  shelves = new Shelves({ panel: $('shelves'), list: $('shelf-list'), dialog: $('shelve-dialog'), canAct,
    onError: (msg) => { $('announcer').textContent = msg; } });
  list = new PostList({ body: $('post-rows'), count: $('post-count'), onShowPost: showPost });
  detail = new PostDetail({ panel: $('detail'), canAct, canAdmin: () => state.me?.role === 'admin', onClose: () => $('post-table').focus?.() });
  admin = new OperatorAdmin($('operators-dialog'));
  const rollouts = new RolloutView($('rollouts-dialog'));

  $('signin-form').addEventListener('submit', signIn);
  $('resolve-form').addEventListener('submit', submitResolve);
  $('resolve-cancel').addEventListener('click', () => $('resolve-dialog').close());
  $('start-shift').addEventListener('click', async () => { await startShift(); refreshSoundUi(); });
  $('operators-button').addEventListener('click', () => admin.open());
  $('rollouts-button').addEventListener('click', () => rollouts.open());
  $('signout').addEventListener('click', async () => {
    try { await api('DELETE', '/api/session'); } catch { /* signed out either way */ }
    showSignIn();
  });
  document.querySelectorAll('[data-lang-switch]').forEach((b) => b.addEventListener('click', toggleLang));
  onLangChange(() => {
    if (!state.me) return;
    $('whoami').textContent = t('signedInAs', { user: state.me.username, role: t(`role_${state.me.role}`) });
    queue.render();
    shelves.render();
    renderPosts();
    if (detail.detail) detail.render();
    refreshSoundUi();
    showConnectionLost();
    analysisLink(state.me);
    showFlood();
    showHubs();
  });
  window.addEventListener('kuzet:signed-out', showSignIn);
  setInterval(() => { queue.tick(); list.tick(); }, 1000);
  setInterval(refreshLoad, 15_000);
  refreshSoundUi();

  api('GET', '/api/session').then(startBoard).catch(showSignIn);
  document.documentElement.dataset.boardStarted = 'yes'; // failsafe.js tells the operator if this never happens
}

document.addEventListener('DOMContentLoaded', init);
