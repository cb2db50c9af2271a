// A post's settings that the hub manages: the version the hub wants against the one the post runs, the post's
// refusal when it gave one, and (admins only) changing a setting for the post, its district or its type.
import { api } from './api.js';
import { t, label } from './i18n.js';
import { el } from './alerts.js';

let catalogue = null;

async function settingsCatalogue() {
  if (!catalogue) catalogue = await api('GET', '/api/config/settings');
  return catalogue;
}

const settingLabel = (key) => label('set_', key.replaceAll('.', '_'));

/** A short flag for the post list when the post does not run the settings the hub wants; null when it does. */
export function configFlag(p) {
  if (!p.config || p.config.state === 'applied') return null;
  const refused = p.config.state === 'refused';
  return el('span', `config-flag config-${p.config.state}`, t(refused ? 'cfgRefusedFlag' : 'cfgPendingFlag'),
    { title: refused ? p.config.error : t('cfgVersions', { desired: p.config.desiredVersion, reported: p.configVersion ?? '—' }) });
}

/** The status line: desired and reported versions, and whether the post applied, refused or has yet to apply. */
export function configStatus(p) {
  if (!p.config) return el('p', 'config-status muted', t('cfgNone'));
  const c = p.config;
  const box = el('div', `config-status config-${c.state}`, '', { 'data-state': c.state });
  box.append(el('p', 'config-versions', t('cfgVersions', { desired: c.desiredVersion, reported: p.configVersion ?? '—' })),
    el('p', 'config-state', t(`cfgState_${c.state}`, { e: c.error ?? '' })));
  if (c.restart) box.append(el('p', 'config-restart', t('cfgRestart', { keys: c.restart })));
  return box;
}

export class PostSettings {
  constructor({ canAdmin }) {
    Object.assign(this, { canAdmin });
  }

  /** The whole section for a post's detail; the desired values and the form fill in once the hub answers. */
  section(post) {
    const box = el('div', 'post-settings');
    box.append(configStatus(post));
    const values = el('dl', 'config-values');
    box.append(values);
    this.fill(post.id, values);
    box.append(this.canAdmin() ? this.form(post, values) : el('p', 'muted', t('cfgAdminOnly')));
    return box;
  }

  /** The values the hub wants for the post; the status line follows the post's live updates on its own. */
  fill(postId, values) {
    api('GET', `/api/posts/${encodeURIComponent(postId)}/config`).then((c) => {
      values.replaceChildren(...Object.entries(c.settings || {})
        .flatMap(([k, v]) => [el('dt', '', settingLabel(k)), el('dd', '', v || '—')]));
    }).catch(() => {});
  }

  form(post, values) {
    const form = el('form', 'config-form');
    const key = el('select', '', '', { name: 'key', 'aria-label': t('cfgSetting') });
    const value = el('input', '', '', { name: 'value', 'aria-label': t('cfgValue'), autocomplete: 'off' });
    const scope = el('select', '', '', { name: 'scope', 'aria-label': t('cfgScope') });
    [['post', t('cfgScope_post')], ['district', t('cfgScope_district', { d: post.district })],
      ['type', t('cfgScope_type', { type: post.type })]].forEach(([v, text]) => scope.append(el('option', '', text, { value: v })));
    settingsCatalogue().then((all) => all.forEach((s) => key.append(el('option', '', settingLabel(s.key), { value: s.key }))))
      .catch(() => {});
    const apply = el('button', 'config-apply', t('cfgApply'), { type: 'submit' });
    const reset = el('button', 'config-reset', t('cfgReset'), { type: 'button' });
    const result = el('p', 'config-result', '', { role: 'status', 'aria-live': 'polite' });
    const send = async (v) => {
      const target = { post: post.id, district: post.district, type: post.type }[scope.value];
      try {
        const r = await api('POST', '/api/config', { [scope.value]: target, settings: { [key.value]: v } });
        const mine = r.changed.find((c) => c.postId === post.id) ?? r.changed[0];
        result.className = 'config-result ok';
        result.textContent = t('cfgSent', { v: mine.configVersion, n: r.changed.length });
        this.fill(post.id, values);
      } catch (e) {
        result.className = 'config-result error';
        result.textContent = t('cfgFailed', { e: e.message });
      }
    };
    form.addEventListener('submit', (e) => { e.preventDefault(); send(value.value); });
    reset.addEventListener('click', () => send(null));
    form.append(el('label', '', t('cfgSetting')), key, el('label', '', t('cfgValue')), value,
      el('label', '', t('cfgScope')), scope, apply, reset, result);
    return form;
  }
}
