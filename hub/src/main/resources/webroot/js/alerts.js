// The alert queue: critical first, then newest first. A PANIC nobody has acknowledged flashes and sounds.
import { api } from './api.js';
import { t, label, clock, timeOfDay } from './i18n.js';

const SEVERITY_RANK = { CRITICAL: 0, MAJOR: 1, MINOR: 2 };
const SEVERITY_ICON = { CRITICAL: '⚠', MAJOR: '⚠', MINOR: 'ℹ' };
const STATE_ICON = { OPEN: '!', ACKNOWLEDGED: '✔', RESOLVED: '☑' };

/** Folded into another alert's group: the queue shows the group's leader instead (as GET /api/alerts does). */
export function isFolded(a) {
  return Boolean(a.groupId) && a.groupId !== a.id;
}

export function isLoudPanic(a) {
  return a.type === 'PANIC' && a.state === 'OPEN';
}

/** The hub's rationalised alert types (GET /api/alert-types), by type; a type not in it counts as an alarm. */
const kinds = new Map();

export function setKinds(list) {
  kinds.clear();
  list.forEach((k) => kinds.set(k.type, k));
}

export function isAlarm(a) {
  return kinds.get(a.type)?.alarm ?? true;
}

/** PANIC always first (in a flood too); then alarms before maintenance notices; then critical first, newest first. */
function byUrgency(a, b) {
  const p = Number(b.type === 'PANIC') - Number(a.type === 'PANIC');
  if (p !== 0) return p;
  const m = Number(!isAlarm(a)) - Number(!isAlarm(b));
  if (m !== 0) return m;
  const s = (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9);
  return s !== 0 ? s : Date.parse(b.openedAt) - Date.parse(a.openedAt);
}

export class AlertQueue {
  constructor({ list, empty, count, announcer, canAct, onChange, onShowPost, onResolve, onShelve, onError }) {
    Object.assign(this, { list, empty, count, announcer, canAct, onChange, onShowPost, onResolve, onShelve, onError });
    this.alerts = new Map();
  }

  setAll(alerts) {
    this.alerts = new Map(alerts.filter((a) => a.state !== 'RESOLVED' && !isFolded(a)).map((a) => [a.id, a]));
    this.render();
  }

  upsert(alert) {
    const known = this.alerts.has(alert.id);
    if (alert.state === 'RESOLVED' || isFolded(alert)) {
      this.alerts.delete(alert.id);
    } else {
      this.alerts.set(alert.id, alert);
    }
    if (!known && alert.state === 'OPEN' && !isFolded(alert)) {
      this.announcer.textContent = t('newAlert', {
        type: label('type_', alert.type), post: alert.postName || alert.postId, district: alert.district || '',
      });
    }
    this.render();
  }

  hasLoudPanic() {
    return [...this.alerts.values()].some(isLoudPanic);
  }

  /** Counts every age up without rebuilding the list. */
  tick(now = Date.now()) {
    this.list.querySelectorAll('[data-opened]').forEach((el) => {
      el.textContent = clock(now - Date.parse(el.dataset.opened));
    });
  }

  render() {
    const focusKey = document.activeElement?.dataset?.focusKey;
    const sorted = [...this.alerts.values()].sort(byUrgency);
    this.list.replaceChildren(...sorted.map((a) => this.item(a)));
    this.empty.hidden = sorted.length > 0;
    this.count.textContent = sorted.length ? `(${sorted.length})` : '';
    if (focusKey) this.list.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
    this.tick();
    this.onChange();
  }

  item(a) {
    const li = document.createElement('li');
    li.className = `alert sev-${a.severity.toLowerCase()} state-${a.state.toLowerCase()}`;
    if (isLoudPanic(a)) li.classList.add('flash');
    if (a.escalationLevel > 0) li.classList.add('escalated');
    if (a.groupSize > 1 || a.groupId) li.classList.add('grouped');
    if (!isAlarm(a)) li.classList.add('maintenance');
    li.dataset.alertId = a.id;
    li.dataset.state = a.state;
    li.dataset.type = a.type;

    const head = el('div', 'alert-head');
    head.append(
      el('span', 'sev-icon', SEVERITY_ICON[a.severity] ?? '•', { 'aria-hidden': 'true' }),
      el('strong', 'alert-type', label('type_', a.type)),
      el('span', 'badge sev', isAlarm(a) ? t(`sev_${a.severity}`) : t('maintenance')),
    );
    if (a.escalationLevel > 0) head.append(el('span', 'badge escalation', `⬆ ${t('escalated', { n: a.escalationLevel })}`));
    if (a.groupSize > 1) head.append(el('span', 'badge group', `⊞ ${t('grouped', { n: a.groupSize })}`));
    li.append(head);

    const where = el('button', 'link post-link', `${a.postName || a.postId} · ${a.district || ''}`);
    where.type = 'button';
    where.dataset.focusKey = `post-${a.id}`;
    where.addEventListener('click', () => this.onShowPost(a.postId));
    li.append(where);

    const meta = el('div', 'alert-meta');
    const state = el('span', 'alert-state', `${STATE_ICON[a.state] ?? ''} ${t(`state_${a.state}`)}`);
    meta.append(state);
    if (a.acknowledgedBy) meta.append(el('span', 'who', `${a.acknowledgedBy}`));
    if (a.dispatchedAt) meta.append(el('span', 'badge dispatched', `➜ ${t('dispatched')}`));
    if (a.repeats > 0) {
      // a PANIC counts presses; any other alert counts how often it cleared and came back (chattering)
      meta.append(el('span', 'badge repeats', a.type === 'PANIC' ? t('repeats', { n: a.repeats }) : t('chatter', { n: a.repeats + 1 })));
    }
    const age = el('span', 'age');
    age.append(el('span', 'visually-hidden', `${t('age')}: `), el('span', 'age-clock', '', { 'data-opened': a.openedAt }));
    age.title = timeOfDay(a.openedAt);
    meta.append(age);
    li.append(meta);

    if (this.canAct()) li.append(this.actions(a));
    return li;
  }

  actions(a) {
    const bar = el('div', 'alert-actions');
    const add = (action, text, enabled) => {
      if (!enabled) return;
      const b = el('button', `action action-${action}`, text);
      b.type = 'button';
      b.dataset.action = action;
      b.dataset.focusKey = `${action}-${a.id}`;
      b.addEventListener('click', () => this.act(a, action, b));
      bar.append(b);
    };
    add('ack', `✔ ${t('ack')}`, a.state === 'OPEN');
    add('dispatch', `➜ ${t('dispatch')}`, !a.dispatchedAt);
    add('resolve', `☑ ${t('resolve')}`, true);
    add('shelve', `⏸ ${t('shelve')}`, kinds.get(a.type)?.shelvable === true);
    return bar;
  }

  async act(a, action, button) {
    if (action === 'resolve') {
      this.onResolve(a);
      return;
    }
    if (action === 'shelve') {
      this.onShelve(a);
      return;
    }
    button.disabled = true;
    try {
      this.upsert(await api('POST', `/api/alerts/${encodeURIComponent(a.id)}/${action}`, {}));
    } catch (e) {
      button.disabled = false;
      this.onError(t('actionFailed', { e: e.message }));
    }
  }
}

export function el(tag, className, text, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== '') node.textContent = text;
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}
