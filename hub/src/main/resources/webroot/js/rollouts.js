// Agent rollouts at a glance, for anyone on the board: each rollout's release and state, how many of its posts wait,
// are updating, run the release or failed, and per post its state and the reason it refused or rolled back
// (GET /api/rollouts). Starting a rollout stays with scripts and the API (docs/installer-guide.md).
import { api } from './api.js';
import { t, label, timeOfDay } from './i18n.js';
import { el } from './alerts.js';

// a post's state in a rollout, as an operator reads the rollout's progress
const GROUPS = {
  PENDING: 'pending', WAITING: 'pending', SENT: 'updating', DOWNLOADING: 'updating', INSTALLED: 'updating',
  DONE: 'updated', REFUSED: 'failed', ROLLED_BACK: 'failed', HALTED: 'failed',
};
const ORDER = ['pending', 'updating', 'updated', 'failed'];

export class RolloutView {
  constructor(dialog) {
    this.dialog = dialog;
  }

  async open() {
    await this.render();
    if (!this.dialog.open) this.dialog.showModal();
  }

  async render() {
    const error = el('p', 'form-error', '', { role: 'alert' });
    let rollouts = [];
    try {
      rollouts = await api('GET', '/api/rollouts');
    } catch (e) {
      error.textContent = t('actionFailed', { e: e.message });
    }
    const shown = rollouts.slice().reverse().map((r) => this.rollout(r)); // newest first
    const refresh = el('button', '', t('rolRefresh'), { type: 'button' });
    refresh.addEventListener('click', () => this.render());
    const close = el('button', '', t('close'), { type: 'button' });
    close.addEventListener('click', () => this.dialog.close());
    this.dialog.replaceChildren(el('h2', '', t('rollouts')), ...(shown.length ? shown : [el('p', 'muted', t('rolNone'))]),
      error, refresh, close);
  }

  rollout(r) {
    const box = el('section', `rollout rollout-${r.state.toLowerCase()}`, '', { 'data-rollout': r.id });
    const counts = Object.fromEntries(ORDER.map((g) => [g, 0]));
    r.posts.forEach((p) => { counts[GROUPS[p.state] ?? 'pending'] += 1; });
    box.append(el('h3', '', t('rolTitle', { v: r.version, state: label('rol_', r.state) })),
      el('p', 'muted', t('rolStarted', { by: r.startedBy, at: timeOfDay(r.startedAt) })),
      el('p', 'rollout-counts', ORDER.map((g) => t(`rolCount_${g}`, { n: counts[g] })).join(' · ')));
    const table = el('table', 'rollout-posts');
    const head = el('tr');
    [t('rolPost'), t('updState'), t('updReason')].forEach((h) => head.append(el('th', '', h, { scope: 'col' })));
    table.append(head);
    r.posts.forEach((p) => {
      const tr = el('tr', `rollout-post rollout-${GROUPS[p.state] ?? 'pending'}`, '', { 'data-post': p.postId, 'data-state': p.state });
      const reason = p.reason ? `${label('updr_', p.reason)}${p.detail ? ` — ${p.detail}` : ''}` : (p.detail ?? '');
      tr.append(el('td', '', p.postId), el('td', '', label('upd_', p.state)), el('td', 'rollout-reason', reason));
      table.append(tr);
    });
    box.append(table);
    return box;
  }
}
