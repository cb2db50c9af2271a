// The list of posts beside the map: status in colour, icon and word; readings at a glance.
import { t, ago } from './i18n.js';
import { el } from './alerts.js';
import { configFlag } from './settings.js';

const STATUS_ICON = { alert: '⚠', warning: '▲', online: '●', offline: '○', unknown: '?' };
const STATUS_RANK = { alert: 0, warning: 1 };

/**
 * Red only for a critical alarm, amber for a major one; a minor alarm or a maintenance notice leaves the post in
 * its normal colour, so one real alarm still stands out in the list.
 */
export function postStatus(p) {
  const byAlarm = { CRITICAL: 'alert', MAJOR: 'warning' }[p.alarmPriority];
  const key = byAlarm ?? (['online', 'offline'].includes(p.status) ? p.status : 'unknown');
  return { key, icon: STATUS_ICON[key], text: t(`status_${key}`) };
}

function rank(p) {
  return STATUS_RANK[postStatus(p).key] ?? 2;
}

export function yesNo(v, whenTrue, whenFalse) {
  if (v === undefined || v === null) return t('unknown');
  return v ? whenTrue : whenFalse;
}

export function power(r) {
  if (!r) return t('unknown');
  const volts = r.batteryV !== undefined && r.batteryV !== null ? ` ${r.batteryV.toFixed(1)} V` : '';
  if (r.mainsPresent === true) return `⚡ ${t('mains')}${volts}`;
  if (r.mainsPresent === false) return `▯ ${t('battery')}${volts}`;
  return volts ? `▯${volts}` : t('unknown');
}

export function lights(r) {
  if (!r || (r.floodlightsOn == null && r.interiorLightOn == null)) return t('unknown');
  return r.floodlightsOn || r.interiorLightOn ? `☀ ${t('on')}` : `○ ${t('off')}`;
}

export function door(r) {
  return yesNo(r?.doorOpen, `◧ ${t('open')}`, `■ ${t('closed')}`);
}

export function temperature(r) {
  return r && r.temperatureC != null ? `${r.temperatureC.toFixed(1)} °C` : t('unknown');
}

export class PostList {
  constructor({ body, count, onShowPost }) {
    Object.assign(this, { body, count, onShowPost });
  }

  render(posts) {
    const focusKey = document.activeElement?.dataset?.focusKey;
    const sorted = [...posts].sort((a, b) => rank(a) - rank(b)
      || (a.status === 'offline') - (b.status === 'offline') || a.name.localeCompare(b.name));
    this.body.replaceChildren(...sorted.map((p) => this.row(p)));
    this.count.textContent = `(${posts.length})`;
    if (focusKey) this.body.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  row(p) {
    const tr = document.createElement('tr');
    const st = postStatus(p);
    tr.dataset.postId = p.id;
    tr.className = `status-${st.key}`;
    const name = el('button', 'link', p.name);
    name.type = 'button';
    name.dataset.focusKey = `row-${p.id}`;
    name.addEventListener('click', () => this.onShowPost(p.id));
    const nameCell = el('th', 'name');
    nameCell.scope = 'row';
    nameCell.append(name, el('span', 'district', p.district));
    const flag = configFlag(p);
    if (flag) nameCell.append(flag);
    tr.append(
      nameCell,
      el('td', `status status-${st.key}`, `${st.icon} ${st.text}`),
      el('td', 'last-seen', ago(p.lastSeen), { 'data-last-seen': p.lastSeen ?? '' }),
      el('td', 'num', temperature(p.readings)),
      el('td', '', power(p.readings)),
      el('td', '', lights(p.readings)),
      el('td', '', door(p.readings)),
    );
    return tr;
  }

  tick(now = Date.now()) {
    this.body.querySelectorAll('[data-last-seen]').forEach((cell) => {
      cell.textContent = ago(cell.dataset.lastSeen || null, now);
    });
  }
}
