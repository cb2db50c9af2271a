// The analysis page: one GET /api/analysis for the chosen scope, drawn as headline, map (Leaflet, graduated
// circles and a heat map), weekday x hour matrix and daily series (uPlot), and tables; CSV and PDF links reuse the same scope.
import { api, ApiError } from './api.js';
import { at, analysisLang, setAnalysisLang } from './analysis-i18n.js';

const $ = (id) => document.getElementById(id);
const state = { data: null, map: null, circles: null, heat: null, layers: null, chart: null };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => (k === 'class' ? (e.className = v) : e.setAttribute(k, v)));
  children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c ?? '—')));
  return e;
}

function table(header, rows, numericFrom = 1) {
  const head = el('tr', {}, ...header.map((h, i) => el('th', { scope: 'col', class: i >= numericFrom ? 'num' : '' }, h)));
  const body = rows.map((r) => el('tr', {}, ...r.map((v, i) => el('td', { class: i >= numericFrom ? 'num' : '' }, v == null ? '—' : String(v)))));
  return el('table', {}, el('thead', {}, head), el('tbody', {}, ...body));
}

function query() {
  const q = new URLSearchParams({ from: $('from').value, to: $('to').value });
  if ($('district').value) q.set('district', $('district').value);
  if ($('posts').value.trim()) q.set('posts', $('posts').value.trim());
  return q;
}

function applyStatic() {
  const l = analysisLang();
  document.documentElement.lang = l;
  document.querySelectorAll('[data-a]').forEach((e) => { e.textContent = at(e.dataset.a); });
  document.querySelectorAll('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === l)));
  document.title = `Kuzet — ${at('title')}`;
}

async function load() {
  $('error').textContent = '';
  try {
    state.data = await api('GET', `/api/analysis?${query()}`);
    render();
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0;
    $('error').textContent = status === 401 ? at('signIn') : status === 403 ? at('forbidden') : e.message;
  }
}

function render() {
  const d = state.data;
  if (!d) return;
  applyStatic();
  const districts = $('district');
  if (districts.options.length === 1) {
    d.where.districts.map((x) => x.district).sort().forEach((name) => districts.append(el('option', { value: name }, name)));
  }
  $('pdf').href = `/api/analysis/report.pdf?${query()}`;
  document.querySelectorAll('.csv').forEach((p) => {
    p.replaceChildren(...p.dataset.tables.split(',').map((tb) => el('a', { href: `/api/analysis/tables/${tb}?${query()}` }, `CSV: ${tb}`)));
  });
  $('headline').replaceChildren(...Object.entries(d.headline).map(([k, v]) =>
    el('div', { 'data-measure': k }, el('dt', {}, at(`m_${k}`)), el('dd', {}, v == null ? '—' : String(v)))));
  renderWhere(d.where);
  renderWhen(d.when);
  renderFast(d.fast);
  renderWell(d.well);
}

function renderWhere(where) {
  if (!state.map) {
    state.map = L.map('analysis-map').setView([43.24, 76.9], 11);
    // the installer's tile server, as on the board (board.tileUrl); ?tiles=off or none: circles on a plain background
    if (new URLSearchParams(location.search).get('tiles') !== 'off') {
      api('GET', '/api/board-settings').then((s) => {
        if (s.tileUrl) L.tileLayer(s.tileUrl, { maxZoom: 19, attribution: s.tileAttribution || '' }).addTo(state.map);
      }).catch(() => { /* the circles still stand on a plain background */ });
    }
    state.circles = L.layerGroup().addTo(state.map);
    // leaflet.heat (vendored, see vendor/leaflet.heat/0.2.0/PROVENANCE.md): where presses gather, whatever the posts
    state.heat = L.heatLayer([], { radius: 30, blur: 20, maxZoom: 14, minOpacity: 0.25 }).addTo(state.map);
  }
  // the layer switch is rebuilt in each language
  if (state.layers) state.layers.remove();
  state.layers = L.control.layers(null, { [at('layerHeat')]: state.heat, [at('layerCircles')]: state.circles },
    { collapsed: false }).addTo(state.map);
  state.circles.clearLayers();
  const max = Math.max(1, ...where.posts.map((p) => p.presses));
  state.heat.setOptions({ max: 1 });
  state.heat.setLatLngs(where.posts.filter((p) => p.presses > 0).map((p) => [p.latitude, p.longitude, p.presses / max]));
  where.posts.forEach((p) => {
    const radius = p.presses === 0 ? 3 : 5 + 20 * Math.sqrt(p.presses / max);
    L.circleMarker([p.latitude, p.longitude], {
      radius, color: '#ff4d4d', weight: 1, fillOpacity: p.presses === 0 ? 0.2 : 0.55, className: 'press-circle',
    }).bindTooltip(`${p.name} (${p.postId}): ${p.presses}`).addTo(state.circles);
  });
  if (where.posts.length) state.map.fitBounds(where.posts.map((p) => [p.latitude, p.longitude]), { padding: [20, 20] });
  $('where-table').replaceChildren(table([at('post'), at('name'), at('district'), at('m_presses'), at('m_falsePresses'),
    at('m_tamperEvents'), at('m_doorEvents')], where.posts.slice(0, 20).map((p) =>
    [p.postId, p.name, p.district, p.presses, p.falsePresses, p.tamperEvents, p.doorEvents]), 3));
}

function renderWhen(when) {
  const select = $('when-type');
  const chosen = select.value || 'PANIC';
  select.replaceChildren(...when.types.map((s) => el('option', { value: s.type }, `${s.type} (${s.total})`)));
  select.value = when.types.some((s) => s.type === chosen) ? chosen : when.types[0].type;
  const series = when.types.find((s) => s.type === select.value);
  const max = Math.max(1, ...series.weekdayHour.flat());
  const head = el('tr', {}, el('th', {}, ''), ...Array.from({ length: 24 }, (_, h) => el('th', {}, String(h))));
  const rows = series.weekdayHour.map((row, d) => el('tr', {}, el('th', { scope: 'row' }, at('weekdays')[d]),
    ...row.map((v) => {
      const td = el('td', { 'data-count': String(v), title: String(v) }, v ? String(v) : '');
      td.style.background = `rgba(255, 77, 77, ${(0.08 + 0.92 * v / max).toFixed(2)})`;
      return td;
    })));
  $('matrix').replaceChildren(el('table', { class: 'matrix' }, el('thead', {}, head), el('tbody', {}, ...rows)));
  const xs = when.days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
  if (state.chart) state.chart.destroy();
  state.chart = new uPlot({
    width: Math.max(320, $('daily-chart').clientWidth || 800), height: 220,
    scales: { x: { time: true } },
    series: [{}, { label: series.type, stroke: '#ff4d4d', fill: 'rgba(255,77,77,0.15)' }],
    axes: [{ stroke: '#9aa6b2' }, { stroke: '#9aa6b2' }],
  }, [xs, series.perDay], $('daily-chart'));
}

function speed(s) {
  return s.n === 0 ? '—' : `${s.medianS} / ${s.p90S}`;
}

function renderFast(fast) {
  const rows = [fast.all, ...fast.districts, ...fast.posts.slice(0, 15)].map((t) => [
    t.postId || t.district || at('all'), t.incidents, speed(t.fromPress), speed(t.toAcknowledge), speed(t.toDispatch), speed(t.toResolve)]);
  $('fast-table').replaceChildren(table([`${at('district')} / ${at('post')}`, at('incidents'),
    ...['fromPress', 'toAcknowledge', 'toDispatch', 'toResolve'].map((k) => `${at(`s_${k}`)} (${at('median')} / ${at('p90')}), s`)], rows));
  $('slowest-table').replaceChildren(table([at('post'), at('received'), at('s_toAcknowledge'), at('s_toDispatch'), at('s_toResolve')],
    fast.slowest.map((r) => [r.postId, new Date(r.receivedAt).toLocaleString(), seconds(r.receivedAt, r.acknowledgedAt),
      seconds(r.receivedAt, r.dispatchedAt), seconds(r.receivedAt, r.resolvedAt)]), 2));
}

function seconds(from, to) {
  return to ? Math.round((Date.parse(to) - Date.parse(from)) / 1000) : null;
}

function renderWell(well) {
  const keys = ['availabilityPct', 'mainsOutages', 'mainsOutMinutes', 'litMinutes', 'nightMinutes', 'darkNightMinutes',
    'lampFaults', 'sensorFaults', 'selfTestsFailed', 'daysWithoutSelfTest'];
  const rows = [well.all, ...well.districts, ...well.posts.slice(0, 20)].map((h) => [h.postId || h.district || at('all'), ...keys.map((k) => h[k])]);
  $('well-table').replaceChildren(table([`${at('district')} / ${at('post')}`, ...keys.map((k) => at(`m_${k}`))], rows));
}

async function compare(ev) {
  ev.preventDefault();
  const q = new URLSearchParams({ beforeFrom: $('before-from').value, beforeTo: $('before-to').value,
    afterFrom: $('after-from').value, afterTo: $('after-to').value });
  if ($('district').value) q.set('district', $('district').value);
  if ($('posts').value.trim()) q.set('posts', $('posts').value.trim());
  try {
    const c = await api('GET', `/api/analysis/compare?${q}`);
    $('compare-table').replaceChildren(table([at('measure'), at('before'), at('after'), at('change'), '%'],
      c.changes.map((x) => [at(`m_${x.measure}`), x.before, x.after, x.change, x.changePct])));
    $('error').textContent = '';
  } catch (e) {
    $('error').textContent = e.message;
  }
}

function defaults() {
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  const params = new URLSearchParams(location.search);
  $('to').value = params.get('to') || iso(today);
  $('from').value = params.get('from') || iso(new Date(today.getTime() - 90 * 86400000));
  if (params.get('district')) $('district').append(el('option', { value: params.get('district') }, params.get('district')));
  $('district').value = params.get('district') || '';
  $('before-from').value = $('from').value;
  $('after-to').value = $('to').value;
  const mid = iso(new Date((Date.parse($('from').value) + Date.parse($('to').value)) / 2));
  $('before-to').value = mid;
  $('after-from').value = mid;
}

window.addEventListener('kuzet:signed-out', () => { $('error').textContent = at('signIn'); });
document.addEventListener('DOMContentLoaded', () => {
  applyStatic();
  defaults();
  document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => {
    setAnalysisLang(b.dataset.lang);
    applyStatic();
    render();
  }));
  $('scope').addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  $('when-type').addEventListener('change', () => renderWhen(state.data.when));
  $('compare-form').addEventListener('submit', compare);
  load();
});
