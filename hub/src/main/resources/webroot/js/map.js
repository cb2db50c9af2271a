// Leaflet map of the posts. Tiles and district boundaries are the installer's (board.tileUrl, board.districtsFile;
// docs/board.md): without them (no tile server on the police network) the posts are still placed by their
// coordinates on a plain background, labelled by district. Labels that would print over each other are hidden,
// alarms' first; a hidden label shows on hover and stays in the pin's title and aria-label.
import { api } from './api.js';
import { postStatus } from './posts.js';

const LABEL_RANK = { alert: 0, warning: 1 };

export class PostMap {
  constructor({ container, notice, onShowPost, settings }) {
    Object.assign(this, { container, notice, onShowPost });
    this.markers = new Map();
    this.ranks = new Map();
    this.districtLabels = [];
    this.boundaries = null;
    this.fitted = false;
    this.tileErrors = 0;
    this.tilesLoaded = 0;
    this.map = L.map(container, { zoomControl: true, attributionControl: true, keyboard: true }).setView([43.24, 76.9], 11);
    this.map.on('zoomend moveend resize', () => this.declutter());
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
    const layer = L.tileLayer(url, { maxZoom: 19, attribution: settings.tileAttribution || '' });
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
    posts.forEach((p) => {
      if (typeof p.latitude !== 'number' || typeof p.longitude !== 'number') return;
      seen.add(p.id);
      const st = postStatus(p);
      const icon = L.divIcon({
        className: `post-pin status-${st.key}`,
        html: `<span class="pin-icon" aria-hidden="true">${st.icon}</span><span class="pin-label"></span>`,
        iconSize: null,
      });
      let m = this.markers.get(p.id);
      if (!m) {
        m = L.marker([p.latitude, p.longitude], { icon, keyboard: true, riseOnHover: true });
        m.on('click', () => this.onShowPost(p.id));
        m.addTo(this.map);
        this.markers.set(p.id, m);
      } else {
        m.setLatLng([p.latitude, p.longitude]);
        m.setIcon(icon);
      }
      const node = m.getElement();
      if (node) {
        node.querySelector('.pin-label').textContent = p.name;
        node.dataset.postId = p.id;
        node.setAttribute('title', `${p.name} — ${st.text}`);
        node.setAttribute('aria-label', `${p.name}, ${p.district}: ${st.text}`);
      }
      m.setZIndexOffset(st.key === 'alert' ? 1000 : 0);
      this.ranks.set(p.id, `${LABEL_RANK[st.key] ?? 2}${p.name}`);
    });
    [...this.markers.keys()].filter((id) => !seen.has(id)).forEach((id) => {
      this.markers.get(id).remove();
      this.markers.delete(id);
    });
    if (!this.boundaries) this.labelDistricts(posts);
    if (!this.fitted && this.markers.size > 0) {
      this.map.fitBounds(L.latLngBounds([...this.markers.values()].map((m) => m.getLatLng())).pad(0.1), { maxZoom: 15 });
      this.fitted = true;
    }
    this.declutter();
  }

  /** Shows labels in rank order (alarms first, then by name) and hides any that would overlap one already shown. */
  declutter() {
    const shown = [];
    [...this.markers.entries()].sort(([a], [b]) => (this.ranks.get(a) ?? '').localeCompare(this.ranks.get(b) ?? ''))
      .forEach(([, m]) => {
        const label = m.getElement()?.querySelector('.pin-label');
        if (!label) return;
        label.classList.remove('label-hidden');
        const r = label.getBoundingClientRect();
        const overlaps = shown.some((o) => r.left < o.right && r.right > o.left && r.top < o.bottom && r.bottom > o.top);
        if (overlaps) label.classList.add('label-hidden'); else shown.push(r);
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
