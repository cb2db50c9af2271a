// Post detail: readings now, small charts of the last hours, the event timeline, and commands with the post's answer.
import { api } from './api.js';
import { t, label, timeOfDay, ago } from './i18n.js';
import { el } from './alerts.js';
import { postStatus, yesNo, power, temperature } from './posts.js';
import { PostSettings, configStatus } from './settings.js';

const COMMANDS = [
  ['cmdFloodOn', 'LIGHTS', { target: 'floodlights', mode: 'on' }],
  ['cmdFloodOff', 'LIGHTS', { target: 'floodlights', mode: 'off' }],
  ['cmdFloodAuto', 'LIGHTS', { target: 'floodlights', mode: 'auto' }],
  ['cmdBeaconOn', 'BEACON', { mode: 'on' }],
  ['cmdBeaconOff', 'BEACON', { mode: 'off' }],
  ['cmdSelfTest', 'SELF_TEST', {}],
];
const SERIES = ['temperatureC', 'humidityPct', 'batteryV'];

export class PostDetail {
  constructor({ panel, canAct, canAdmin, onClose }) {
    Object.assign(this, { panel, canAct, onClose });
    this.settings = new PostSettings({ canAdmin });
    this.postId = null;
    this.detail = null;
    this.charts = [];
    this.commandStatus = null;
    panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(); });
  }

  async show(postId) {
    this.postId = postId;
    this.panel.hidden = false;
    await this.reload();
    this.panel.focus();
  }

  async reload() {
    if (!this.postId) return;
    const id = this.postId;
    try {
      const d = await api('GET', `/api/posts/${encodeURIComponent(id)}`);
      if (this.postId === id) {
        this.detail = d;
        this.render();
      }
    } catch (e) {
      this.panel.replaceChildren(el('p', 'form-error', t('actionFailed', { e: e.message })));
    }
  }

  /** A live post update: readings and status change in place; history and events come with the next reload. */
  update(post) {
    if (!this.detail || post.id !== this.postId) return;
    this.detail = { ...this.detail, ...post };
    const readings = this.panel.querySelector('.readings');
    if (readings) readings.replaceWith(this.readings());
    const status = this.panel.querySelector('.detail-status');
    if (status) status.replaceWith(this.status());
    const config = this.panel.querySelector('.config-status');
    if (config) config.replaceWith(configStatus(this.detail));
  }

  close() {
    this.postId = null;
    this.detail = null;
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
    this.panel.hidden = true;
    this.onClose();
  }

  render() {
    const d = this.detail;
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
    const head = el('div', 'detail-head');
    head.append(el('h2', '', `${d.name}`, { id: 'detail-title' }));
    const close = el('button', 'close', `✕ ${t('close')}`);
    close.type = 'button';
    close.addEventListener('click', () => this.close());
    head.append(close);
    const sub = el('p', 'muted', `${d.district} · ${d.id} · ${t('coordinates')}: ${d.latitude?.toFixed(5)}, ${d.longitude?.toFixed(5)}`
      + (d.agentVersion ? ` · ${t('agentVersion')}: ${d.agentVersion}` : ''));
    this.panel.replaceChildren(head, sub, this.status(),
      el('h3', '', t('detailCommands')), this.commands(),
      el('h3', '', t('cfgTitle')), this.settings.section(d),
      el('h3', '', t('detailUpdate')), this.updateBox(),
      el('h3', '', t('detailReadings')), this.readings(),
      el('h3', '', t('detailCharts')), this.chartBox(),
      el('h3', '', t('detailEvents')), this.events());
    this.drawCharts();
  }

  status() {
    const st = postStatus(this.detail);
    return el('p', `detail-status status-${st.key}`, `${st.icon} ${st.text} · ${ago(this.detail.lastSeen)}`);
  }

  /** The release the post runs, the one a rollout sends it, and why it refused or rolled back (filled in when loaded). */
  updateBox() {
    const dl = el('dl', 'update-state');
    const id = this.postId;
    api('GET', `/api/posts/${encodeURIComponent(id)}/update`).then((u) => {
      if (this.postId !== id) return;
      const row = (key, value) => dl.append(el('dt', '', t(key)), el('dd', '', value));
      row('updCurrent', (u.currentVersion ?? t('unknown')) + (u.onTrial ? ` (${t('updOnTrial')})` : ''));
      if (u.targetVersion) {
        row('updTarget', u.targetVersion);
        row('updState', t(`upd_${u.state}`));
        if (u.reason) row('updReason', `${t(`updr_${u.reason}`)}${u.detail ? ` — ${u.detail}` : ''}`);
      }
    }).catch(() => {});
    return dl;
  }

  readings() {
    const r = this.detail.readings || {};
    const dl = el('dl', 'readings');
    const row = (key, value) => dl.append(el('dt', '', t(key)), el('dd', '', value));
    row('temperatureC', temperature(r));
    row('humidityPct', r.humidityPct != null ? `${r.humidityPct.toFixed(0)} %` : t('unknown'));
    row('mainsPresent', power(r));
    row('doorOpen', yesNo(r.doorOpen, `◧ ${t('open')}`, `■ ${t('closed')}`));
    row('tamper', yesNo(r.tamper, `⚠ ${t('yes')}`, t('no')));
    row('motion', yesNo(r.motion, `≋ ${t('yes')}`, t('no')));
    row('floodlightsOn', yesNo(r.floodlightsOn, `☀ ${t('on')}`, `○ ${t('off')}`));
    row('interiorLightOn', yesNo(r.interiorLightOn, `☀ ${t('on')}`, `○ ${t('off')}`));
    row('beaconOn', yesNo(r.beaconOn, `◉ ${t('on')}`, `○ ${t('off')}`));
    row('outboxDepth', r.outboxDepth != null ? String(r.outboxDepth) : t('unknown'));
    if (r.outboxPurged && Object.keys(r.outboxPurged).length) {
      row('outboxPurged', Object.entries(r.outboxPurged).map(([kind, n]) => `${kind} ${n}`).join(', '));
    }
    return dl;
  }

  commands() {
    const box = el('div', 'commands');
    if (!this.canAct()) {
      box.append(el('p', 'muted', t('viewerNoCommands')));
      return box;
    }
    const bar = el('div', 'command-buttons');
    COMMANDS.forEach(([key, name, args]) => {
      const b = el('button', 'command', t(key));
      b.type = 'button';
      b.dataset.command = `${name}:${args.mode ?? ''}`;
      b.addEventListener('click', () => this.send(name, args, b));
      bar.append(b);
    });
    this.commandStatus = el('p', 'command-status', '', { role: 'status', 'aria-live': 'polite' });
    box.append(bar, this.commandStatus);
    return box;
  }

  async send(name, args, button) {
    const status = this.commandStatus;
    status.className = 'command-status pending';
    status.textContent = `${button.textContent}: ${t('cmdSending')}`;
    button.disabled = true;
    try {
      const r = await api('POST', `/api/posts/${encodeURIComponent(this.postId)}/commands`, { name, args });
      const outcome = r.status === 'ok' ? ['ok', t('cmdOk')]
        : r.status === 'timeout' ? ['error', t('cmdTimeout')] : ['error', t('cmdError', { e: r.error || '?' })];
      status.className = `command-status ${outcome[0]}`;
      status.textContent = `${button.textContent}: ${outcome[1]}`;
    } catch (e) {
      status.className = 'command-status error';
      status.textContent = `${button.textContent}: ${t('cmdFailed', { e: e.message })}`;
    } finally {
      button.disabled = false;
    }
  }

  chartBox() {
    return el('div', 'charts');
  }

  drawCharts() {
    const box = this.panel.querySelector('.charts');
    const history = this.detail.history || {};
    let drawn = 0;
    SERIES.forEach((key) => {
      const points = history[key] || [];
      if (points.length < 2 || typeof uPlot === 'undefined') return;
      const xs = points.map(([ts]) => Date.parse(ts) / 1000);
      const ys = points.map(([, v]) => v);
      const holder = el('figure', 'chart');
      holder.append(el('figcaption', '', t(key)));
      box.append(holder);
      const width = Math.max(240, Math.min(box.clientWidth || 320, 420));
      this.charts.push(new uPlot({
        width, height: 110, legend: { show: false }, cursor: { show: true },
        series: [{}, { label: t(key), stroke: '#4aa3ff', width: 2 }],
        axes: [{ stroke: '#aab', grid: { stroke: '#333a' } }, { stroke: '#aab', grid: { stroke: '#333a' }, size: 40 }],
      }, [xs, ys], holder));
      drawn += 1;
    });
    if (drawn === 0) box.append(el('p', 'muted', t('noHistory')));
  }

  events() {
    const list = el('ol', 'timeline');
    const events = this.detail.events || [];
    if (events.length === 0) return el('p', 'muted', t('noEvents'));
    events.forEach((e) => {
      const li = el('li', `event kind-${String(e.kind).toLowerCase()}`);
      li.append(el('time', '', timeOfDay(e.ts), { datetime: e.ts }), el('span', 'kind', label('ev_', e.kind)));
      const attrs = Object.entries(e.attributes || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
      if (attrs) li.append(el('span', 'attrs', attrs));
      list.append(li);
    });
    return list;
  }
}
