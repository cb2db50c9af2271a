// The shift supervisor's page: the alarm load as EEMUA 191 / ISA-18.2 judge it (GET /api/alarm-load), every 10 s.
import { api } from './api.js';
import { t, label, applyStatic, toggleLang, onLangChange, clock } from './i18n.js';
import { el } from './alerts.js';

const $ = (id) => document.getElementById(id);
let last = null;

function seconds(s) {
  return s === null || s === undefined ? t('unknown') : clock(s * 1000);
}

function render() {
  if (!last) return;
  $('sup-rate').textContent = String(last.lastTenMinutes);
  $('sup-band').textContent = t(`supBand_${last.band}`);
  $('sup-band').className = `band band-${last.band}`;
  $('sup-day').textContent = String(last.lastDay);
  $('sup-ack').textContent = seconds(last.medianAckSeconds);
  $('sup-ack-max').textContent = seconds(last.slowestAckSeconds);
  $('sup-share').replaceChildren(...Object.entries(last.shareByPriority)
    .map(([p, v]) => el('li', '', `${t(`sev_${p}`)}: ${Math.round(v * 100)} %`)));
  $('sup-standing').replaceChildren(...(last.standing.length ? last.standing.map((s) =>
    el('li', '', `${label('type_', s.type)} · ${s.postName || s.postId} · ${t('supMinutes', { n: s.minutes })}`))
    : [el('li', 'muted', t('supNone'))]));
  $('sup-top').replaceChildren(...(last.topSources.length ? last.topSources.map((s) =>
    el('li', '', `${s.postName || s.postId}: ${s.alarms}`)) : [el('li', 'muted', t('supNone'))]));
}

async function refresh() {
  try {
    last = await api('GET', '/api/alarm-load');
    $('sup-error').hidden = true;
    render();
  } catch (e) {
    $('sup-error').textContent = e.status === 401 ? t('supSignIn') : t('actionFailed', { e: e.message });
    $('sup-error').hidden = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  applyStatic();
  document.title = t('supTitle');
  document.querySelectorAll('[data-lang-switch]').forEach((b) => b.addEventListener('click', toggleLang));
  onLangChange(() => { document.title = t('supTitle'); render(); });
  refresh();
  setInterval(refresh, 10_000);
});
