// The admin's operator list: add (a generated password is shown once), unlock, remove.
import { api } from './api.js';
import { t } from './i18n.js';
import { el } from './alerts.js';

export class OperatorAdmin {
  constructor(dialog) {
    this.dialog = dialog;
  }

  async open() {
    await this.render();
    if (!this.dialog.open) this.dialog.showModal();
  }

  async render(message = '') {
    let operators = [];
    const error = el('p', 'form-error', '', { role: 'alert' });
    try {
      operators = await api('GET', '/api/operators');
    } catch (e) {
      error.textContent = t('actionFailed', { e: e.message });
    }
    const table = el('table', 'operators');
    const head = el('tr');
    [t('opUsername'), t('opRole'), t('opLocked'), ''].forEach((h) => head.append(el('th', '', h, { scope: 'col' })));
    table.append(head);
    operators.forEach((op) => {
      const tr = el('tr');
      const actions = el('td');
      if (op.lockedUntil) actions.append(this.button(t('opUnlock'), () => api('PATCH', `/api/operators/${op.username}`, { unlock: true })));
      actions.append(this.button(t('opDelete'), () => api('DELETE', `/api/operators/${op.username}`)));
      tr.append(el('td', '', op.username), el('td', '', t(`role_${op.role}`)), el('td', '', op.lockedUntil ? `⊘ ${op.lockedUntil}` : '—'), actions);
      table.append(tr);
    });

    const form = el('form', 'op-form');
    const user = el('input', '', '', { id: 'op-new-user', required: '', autocomplete: 'off' });
    const role = el('select', '', '', { id: 'op-new-role' });
    ['viewer', 'operator', 'admin'].forEach((r) => role.append(new Option(t(`role_${r}`), r)));
    form.append(el('label', '', t('opUsername'), { for: 'op-new-user' }), user,
      el('label', '', t('opRole'), { for: 'op-new-role' }), role, el('button', 'primary', t('opAdd'), { type: 'submit' }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const created = await api('POST', '/api/operators', { username: user.value.trim(), role: role.value });
        await this.render(t('opCreated', { user: created.username, pw: created.password }));
      } catch (err) {
        error.textContent = t('actionFailed', { e: err.message });
      }
    });
    const close = el('button', '', t('close'), { type: 'button' });
    close.addEventListener('click', () => this.dialog.close());
    this.dialog.replaceChildren(el('h2', '', t('operators')), table, el('h3', '', t('opNew')), form,
      el('p', 'notice', message, { role: 'status' }), error, close);
  }

  button(text, action) {
    const b = el('button', '', text, { type: 'button' });
    b.addEventListener('click', async () => {
      try {
        await action();
        await this.render();
      } catch (e) {
        await this.render();
        this.dialog.querySelector('.form-error').textContent = t('actionFailed', { e: e.message });
      }
    });
    return b;
  }
}
