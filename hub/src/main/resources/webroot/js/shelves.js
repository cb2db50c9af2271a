// Shelving: an operator holds back one alert type at one post for a bounded time, with a reason (docs/alarms.md).
// The standing shelves are listed under the alert queue, each with who, until when, why, and a way to take it off.
import { api } from './api.js';
import { t, label, timeOfDay } from './i18n.js';
import { el } from './alerts.js';

const CHOICES = [15, 30, 60, 120, 240, 480];

export class Shelves {
  constructor({ panel, list, dialog, canAct, onError }) {
    Object.assign(this, { panel, list, dialog, canAct, onError });
    this.shelves = new Map();
    this.maxMinutes = 480;
    const form = dialog.querySelector('form');
    form.addEventListener('submit', (e) => this.submit(e));
    dialog.querySelector('#shelve-cancel').addEventListener('click', () => dialog.close());
  }

  async load() {
    const r = await api('GET', '/api/shelves');
    this.maxMinutes = r.maxMinutes;
    this.shelves = new Map(r.shelves.map((s) => [s.id, s]));
    this.render();
  }

  /** A shelf that started or ended (the live stream's `shelf` event). */
  changed(s) {
    if (s.endedAt) this.shelves.delete(s.id); else this.shelves.set(s.id, s);
    this.render();
  }

  render() {
    const all = [...this.shelves.values()];
    this.panel.hidden = all.length === 0;
    this.list.replaceChildren(...all.map((s) => this.item(s)));
  }

  item(s) {
    const li = el('li', 'shelf');
    li.dataset.shelfId = s.id;
    li.append(el('strong', '', `${label('type_', s.type)} · ${s.postId}`),
      el('span', 'muted', t('shelvedUntil', { until: timeOfDay(s.until), by: s.shelvedBy, n: s.suppressed })),
      el('span', 'reason', s.reason));
    if (this.canAct()) {
      const off = el('button', 'action action-unshelve', t('unshelve'));
      off.type = 'button';
      off.addEventListener('click', async () => {
        try {
          this.changed(await api('DELETE', `/api/shelves/${encodeURIComponent(s.id)}`));
        } catch (e) {
          this.onError(t('actionFailed', { e: e.message }));
        }
      });
      li.append(off);
    }
    return li;
  }

  open(alert) {
    this.alert = alert;
    this.dialog.querySelector('#shelve-what').textContent = `${label('type_', alert.type)} · ${alert.postName || alert.postId}`;
    const select = this.dialog.querySelector('#shelve-minutes');
    select.replaceChildren(...CHOICES.filter((m) => m <= this.maxMinutes)
      .map((m) => el('option', '', t('minutes', { n: m }), { value: String(m) })));
    this.dialog.querySelector('#shelve-reason').value = '';
    this.dialog.querySelector('#shelve-error').textContent = '';
    this.dialog.showModal();
    this.dialog.querySelector('#shelve-reason').focus();
  }

  async submit(e) {
    e.preventDefault();
    const reason = this.dialog.querySelector('#shelve-reason').value.trim();
    const error = this.dialog.querySelector('#shelve-error');
    if (!reason) {
      error.textContent = t('reasonRequired');
      return;
    }
    try {
      this.changed(await api('POST', '/api/shelves', {
        postId: this.alert.postId, type: this.alert.type, reason,
        minutes: Number(this.dialog.querySelector('#shelve-minutes').value),
      }));
      this.dialog.close();
    } catch (err) {
      error.textContent = t('actionFailed', { e: err.message });
    }
  }
}
