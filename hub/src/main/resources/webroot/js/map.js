// Leaflet map of the posts. Tiles and district boundaries are the installer's (board.tileUrl or board.mbtilesFile,
// board.districtsFile; docs/board.md): without them (no tile server on the police network) the posts are still
// placed by their coordinates on a plain background, labelled by district. Posts close together are drawn as one
// cluster (Leaflet.markercluster) that spreads as the operator zooms in; a post in a critical alarm (PANIC, TAMPER)
// is never folded into a cluster, and a cluster takes the colour of the worst post inside it. Labels that would
// print over each other or over a cluster are hidden, alarms' labels kept first; a hidden label shows on hover and stays
// in the pin's title and aria-label.
import { api } from './api.js';
import { postStatus } from './posts.js';
import { t } from './i18n.js';

const LABEL_RANK = { alert: 0, warning: 1 };
/** The worst status first: a cluster shows the colour of the first of these any post inside it has. */
const CLUSTER_ORDER = ['alert', 'warning', 'offline', 'unknown', 'online'];
const CLUSTER_NAMES_SHOWN = 8;

function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class PostMap {
  constructor({ container, notice, onShowPost, settings }) {
    Object.assign(this, { container, notice, onShowPost });
    this.markers = new Map();
    this.ranks = new Map();
    this.districtLabels = [];
    this.boundaries = null;
    this.fittedCount = 0; // the posts the last fit showed; 0: never fitted
    this.operatorMoved = false;
    this.tileErrors = 0;
    this.tilesLoaded = 0;
    this.declutterQueued = false;
    // a maxZoom of its own: the clusters need one, and without tiles no layer brings it
    this.map = L.map(container, { zoomControl: true, attributionControl: true, keyboard: true, maxZoom: 19 })
      .setView([43.24, 76.9], 11);
    this.clusters = L.markerClusterGroup({
      // about a label's width: two pins closer than this would have their names collide
      maxClusterRadius: 45,
      disableClusteringAtZoom: 17,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    }).addTo(this.map);
    this.map.on('zoomend moveend resize layeradd layerremove', () => this.queueDeclutter());
    // the operator's own hand on the map (drag, wheel, keys, its controls), seen before Leaflet handles it; the map's
    // move events cannot tell, since an animated fit starts moving only on the next frame
    ['pointerdown', 'wheel', 'keydown'].forEach((type) =>
      container.addEventListener(type, () => { this.operatorMoved = true; }, { capture: true, passive: true }));
    this.map.on('moveend', () => this.showOutOfView());
    this.addFitControl();
    this.clusters.on('animationend spiderfied unspiderfied', () => this.queueDeclutter());
    this.addTiles(settings);
    if (settings.districts) this.addBoundaries();
  }

  addTiles(settings) {
    const param = new URLSearchParams(location.search).get('tiles');
    const url = param === 'off' ? '' : settings.tileUrl;
    if (!url) {
      this.tilesUnavailable();
      return;
    }
    // past the deepest zoom of the hub's own tile file, its deepest tiles are drawn enlarged, not asked for in vain
    const layer = L.tileLayer(url, { maxZoom: 19, maxNativeZoom: settings.tileMaxNativeZoom ?? undefined,
      attribution: settings.tileAttribution || '' });
    layer.on('tileload', () => {
      this.tilesLoaded += 1;
      this.container.classList.remove('no-tiles');
      this.notice.hidden = true;
    });
    layer.on('tileerror', () => {
      this.tileErrors += 1;
      if (this.tilesLoaded === 0) this.tilesUnavailable();
    });
    layer.addTo(this.map);
  }

  async addBoundaries() {
    try {
      const geo = await api('GET', '/api/districts');
      this.boundaries = L.geoJSON(geo, {
        interactive: false,
        style: { color: '#7fa7d1', weight: 2, opacity: 0.8, fill: true, fillOpacity: 0.04 },
        onEachFeature: (f, layer) => {
          if (f.properties?.name) layer.bindTooltip(String(f.properties.name), { permanent: true, direction: 'center', className: 'district-name' });
        },
      }).addTo(this.map);
      this.districtLabels.forEach((l) => l.remove());
      this.districtLabels = [];
    } catch {
      // the posts are still drawn; the hub refused the file at start-up if it was broken
    }
  }

  tilesUnavailable() {
    this.container.classList.add('no-tiles');
    this.notice.hidden = false;
  }

  render(posts) {
    const seen = new Set();
    const restyled = [];
    posts.forEach((p) => {
      if (typeof p.latitude !== 'number' || typeof p.longitude !== 'number') return;
      seen.add(p.id);
      const st = postStatus(p);
      // the name is in the icon itself: a pin leaving a cluster gets a fresh element, which must carry it
      const icon = L.divIcon({
        className: `post-pin status-${st.key}`,
        html: `<span class="pin-icon" aria-hidden="true">${st.icon}</span><span class="pin-label">${escape(p.name)}</span>`,
        iconSize: null,
      });
      let m = this.markers.get(p.id);
      if (!m) {
        m = L.marker([p.latitude, p.longitude], { icon, keyboard: true, riseOnHover: true });
        m.on('click', () => this.onShowPost(p.id));
        m.on('add', () => this.describe(m));
        this.markers.set(p.id, m);
      } else {
        m.setLatLng([p.latitude, p.longitude]);
        // most updates are readings: a new element only when what the pin shows changed
        if (m.iconKey !== `${st.key}|${p.name}`) m.setIcon(icon);
      }
      m.iconKey = `${st.key}|${p.name}`;
      const changed = m.statusKey !== undefined && m.statusKey !== st.key;
      Object.assign(m, { post: p, statusKey: st.key, statusText: st.text });
      this.place(m, st.key === 'alert');
      if (changed) restyled.push(m);
      this.describe(m);
      m.setZIndexOffset(st.key === 'alert' ? 1000 : 0);
      this.ranks.set(p.id, `${LABEL_RANK[st.key] ?? 2}${p.name}`);
    });
    [...this.markers.keys()].filter((id) => !seen.has(id)).forEach((id) => {
      const m = this.markers.get(id);
      this.clusters.removeLayer(m);
      m.remove();
      this.markers.delete(id);
    });
    // a cluster's colour is that of its worst post: redraw the clusters whose posts changed status, and all of
    // them when the operator switched language (their titles)
    const lang = document.documentElement.lang;
    if (lang !== this.lang) this.clusters.refreshClusters();
    else if (restyled.length) this.clusters.refreshClusters(restyled.filter((m) => !m.outside));
    this.lang = lang;
    if (!this.boundaries) this.labelDistricts(posts);
    // posts registered during the shift come into view by themselves, unless the operator has moved the map since
    if (this.markers.size > this.fittedCount && (this.fittedCount === 0 || !this.operatorMoved)) this.fitAll();
    this.showOutOfView();
    this.queueDeclutter();
  }

  /** The control that brings every post into view, and says how many are outside it and whether one is in alarm. */
  addFitControl() {
    const Fit = L.Control.extend({
      options: { position: 'topleft' },
      onAdd: () => {
        const b = L.DomUtil.create('button', 'map-fit');
        b.type = 'button';
        b.innerHTML = '<span aria-hidden="true">⤢</span><span class="map-fit-count" hidden></span>';
        L.DomEvent.disableClickPropagation(b);
        L.DomEvent.on(b, 'click', () => this.fitAll());
        return b;
      },
    });
    this.fitButton = new Fit().addTo(this.map).getContainer();
  }

  fitAll() {
    if (this.markers.size === 0) return;
    this.map.fitBounds(L.latLngBounds([...this.markers.values()].map((m) => m.getLatLng())).pad(0.1), { maxZoom: 15 });
    this.fittedCount = this.markers.size;
    this.operatorMoved = false; // also after a click on the fit control itself
  }

  /** A post the operator cannot see on the map, above all one in alarm, is counted on the fit control. */
  showOutOfView() {
    if (!this.fitButton) return;
    const view = this.map.getBounds();
    let out = 0;
    let alarmed = 0;
    this.markers.forEach((m) => {
      if (view.contains(m.getLatLng())) return;
      out += 1;
      if (m.statusKey === 'alert') alarmed += 1;
    });
    const count = this.fitButton.querySelector('.map-fit-count');
    count.hidden = out === 0;
    count.textContent = String(out);
    this.fitButton.classList.toggle('map-fit-alarm', alarmed > 0);
    Object.assign(this.fitButton.dataset, { out, alarmed });
    const title = [t('mapFitAll')];
    if (out) title.push(t('mapOutOfView', { n: out }));
    if (alarmed) title.push(t('mapAlarmOutOfView', { n: alarmed }));
    this.fitButton.title = title.join('. ');
    this.fitButton.setAttribute('aria-label', this.fitButton.title);
  }

  /** A post in a critical alarm stands on the map by itself, so that no cluster can hide it. */
  place(m, outside) {
    if (m.outside === outside) return;
    if (outside) {
      this.clusters.removeLayer(m);
      m.addTo(this.map);
    } else {
      m.remove();
      this.clusters.addLayer(m);
    }
    m.outside = outside;
  }

  /** The pin's id, title and accessible name, set again whenever Leaflet gives the pin a new element. */
  describe(m) {
    const node = m.getElement();
    if (!node || !m.post) return;
    node.dataset.postId = m.post.id;
    node.setAttribute('title', `${m.post.name} — ${m.statusText}`);
    node.setAttribute('aria-label', `${m.post.name}, ${m.post.district}: ${m.statusText}`);
  }

  clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers().filter((m) => m.post);
    const worst = CLUSTER_ORDER.find((k) => children.some((m) => m.statusKey === k)) ?? 'unknown';
    const names = children.map((m) => m.post.name).sort((a, b) => a.localeCompare(b));
    const shown = names.slice(0, CLUSTER_NAMES_SHOWN).join(', ') + (names.length > CLUSTER_NAMES_SHOWN ? ', …' : '');
    const title = `${t('clusterPosts')}: ${children.length} — ${shown}`;
    return L.divIcon({
      className: `post-cluster status-${worst}`,
      html: `<span class="cluster-count" title="${escape(title)}" aria-label="${escape(title)}"`
        + ` data-post-ids="${escape(children.map((m) => m.post.id).join(' '))}">${children.length}</span>`,
      iconSize: L.point(36, 36),
    });
  }

  queueDeclutter() {
    if (this.declutterQueued) return;
    this.declutterQueued = true;
    requestAnimationFrame(() => {
      this.declutterQueued = false;
      this.declutter();
    });
  }

  /**
   * Shows labels in rank order (alarms first, then by name), right or else left of their pin, and hides any that would
   * overlap a cluster or a label already shown either way. Only pins on the map now are looked at: a post inside a cluster has no element.
   */
  declutter() {
    const pane = this.map.getPane('markerPane');
    const shown = [...pane.querySelectorAll('.post-cluster')].map((c) => c.getBoundingClientRect());
    [...pane.querySelectorAll('.post-pin')]
      .sort((a, b) => (this.ranks.get(a.dataset.postId) ?? '').localeCompare(this.ranks.get(b.dataset.postId) ?? ''))
      .forEach((pin) => {
        const label = pin.querySelector('.pin-label');
        if (!label) return;
        const free = () => {
          const r = label.getBoundingClientRect();
          return shown.some((o) => r.left < o.right && r.right > o.left && r.top < o.bottom && r.bottom > o.top) ? null : r;
        };
        label.classList.remove('label-hidden');
        pin.classList.remove('label-left');
        // right of the pin, else left of it, else hidden
        let r = free();
        if (!r) {
          pin.classList.add('label-left');
          r = free();
        }
        if (r) {
          shown.push(r);
        } else {
          pin.classList.remove('label-left');
          label.classList.add('label-hidden');
        }
      });
  }

  /** One label per district above its northernmost post, so the plain background still reads as a city. */
  labelDistricts(posts) {
    const groups = new Map();
    posts.forEach((p) => {
      if (typeof p.latitude !== 'number') return;
      const g = groups.get(p.district) ?? { lat: -90, lon: 0, n: 0 };
      g.lat = Math.max(g.lat, p.latitude);
      g.lon += p.longitude;
      g.n += 1;
      groups.set(p.district, g);
    });
    this.districtLabels.forEach((l) => l.remove());
    this.districtLabels = [...groups.entries()].map(([district, g]) => {
      const icon = L.divIcon({ className: 'district-label', html: '<span></span>', iconSize: null });
      const m = L.marker([g.lat, g.lon / g.n], { icon, interactive: false, keyboard: false, zIndexOffset: -1000 });
      m.addTo(this.map);
      m.getElement().querySelector('span').textContent = district;
      return m;
    });
  }

  invalidate() {
    this.map.invalidateSize();
  }
}
