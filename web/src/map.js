// The map: Leaflet without any tile server. The base map is drawn from data that ships with the
// build (country borders from Natural Earth via world-atlas) and from the service's own map layers
// (the scenario's places and roads); over it the party's zones, sites, movements, units and
// conflicts.

/* global L, topojson */

import { esc } from "./dom.js";
import { drawSituation } from "./draw.js";
import { UnitLayer } from "./units.js";

const PARTY_COLOURS = ["#1f5fbf", "#c0392b", "#8e44ad", "#16a085", "#d35400", "#2c3e50", "#7f8c8d"];

export class MapView {
  constructor(element, { onSelectAlert }) {
    this.map = L.map(element, {
      zoomControl: true,
      attributionControl: true,
      preferCanvas: false,
      minZoom: 3,
      maxZoom: 15,
      worldCopyJump: true,
      keyboard: true,
    });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
    L.control.scale({ metric: true, imperial: false }).addTo(this.map);
    this.map.setView([36.8, 40.5], 8);
    // place and country names under the units and conflicts, above the areas
    this.map.createPane("labels").style.zIndex = 450;
    // country areas under everything else, whenever they finish loading
    this.map.createPane("countries").style.zIndex = 250;
    this.map.getPane("labels").style.pointerEvents = "none";
    this.onSelectAlert = onSelectAlert;
    this.colours = new Map();
    this.picking = null;
    this.layers = {
      countries: L.layerGroup().addTo(this.map),
      roads: L.layerGroup().addTo(this.map),
      places: L.layerGroup().addTo(this.map),
      zones: L.layerGroup().addTo(this.map),
      sites: L.layerGroup().addTo(this.map),
      movements: L.layerGroup().addTo(this.map),
      units: new UnitLayer().addTo(this.map),
      conflicts: L.layerGroup().addTo(this.map),
      pick: L.layerGroup().addTo(this.map),
    };
    L.control
      .layers(
        null,
        {
          Borders: this.layers.countries,
          Roads: this.layers.roads,
          Places: this.layers.places,
          Zones: this.layers.zones,
          Sites: this.layers.sites,
          Routes: this.layers.movements,
          Units: this.layers.units,
          Conflicts: this.layers.conflicts,
        },
        { collapsed: true },
      )
      .addTo(this.map);
    this.legend = L.control({ position: "bottomright" });
    this.legend.onAdd = () => {
      const div = L.DomUtil.create("div", "legend");
      div.setAttribute("role", "note");
      div.setAttribute("aria-label", "Legend");
      this.legendDiv = div;
      return div;
    };
    this.legend.addTo(this.map);
    this.cursor = L.control({ position: "bottomleft" });
    this.cursor.onAdd = () => {
      const div = L.DomUtil.create("div", "cursor-readout");
      div.setAttribute("aria-live", "off");
      this.cursorDiv = div;
      return div;
    };
    this.cursor.addTo(this.map);
    this.map.on("mousemove", (e) => {
      this.cursorDiv.textContent = `${e.latlng.lat.toFixed(4)}, ${e.latlng.wrap().lng.toFixed(4)}`;
    });
    this.map.on("click", (e) => {
      if (this.picking) {
        const done = this.picking;
        this.picking = null;
        this.map.getContainer().classList.remove("picking");
        done([e.latlng.wrap().lng, e.latlng.lat]);
      }
    });
  }

  colour(party) {
    if (!this.colours.has(party)) {
      this.colours.set(party, PARTY_COLOURS[this.colours.size % PARTY_COLOURS.length]);
    }
    return this.colours.get(party);
  }

  setParties(parties, viewer) {
    this.viewer = viewer;
    this.colour(viewer);
    for (const p of parties) this.colour(p.id);
    const swatch = (colour, dashed) =>
      `<svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke="${colour}" stroke-width="3"${dashed ? ' stroke-dasharray="5 3"' : ""}/></svg>`;
    const dot = (cls) => `<span class="legend-dot ${cls}"></span>`;
    this.legendDiv.innerHTML =
      `<div class="legend-parties">` +
      parties
        .map(
          (p) =>
            `<div>${swatch(this.colour(p.id), p.id !== viewer)} ${esc(p.id.toUpperCase())}${p.id === viewer ? " (you)" : ""}</div>`,
        )
        .join("") +
      `</div>` +
      `<div>${dot("state-open")} open conflict</div><div>${dot("state-acknowledged")} acknowledged</div><div>${dot("state-resolved")} resolved</div>` +
      `<div>▲ incident</div><div class="legend-note">symbols: blue own, green agreement partner,<br>yellow no agreement; faded: planned position</div>`;
  }

  /** Asks the user to click a place; `done([lon, lat])` is called with it. */
  pick(done) {
    this.picking = done;
    this.map.getContainer().classList.add("picking");
  }

  showPicked(place) {
    this.layers.pick.clearLayers();
    if (place) {
      L.circleMarker([place[1], place[0]], {
        radius: 7,
        color: "#000",
        weight: 2,
        fillColor: "#ffeb3b",
        fillOpacity: 0.9,
      })
        .bindTooltip("read-back place")
        .addTo(this.layers.pick);
    }
  }

  drawCountries(topology) {
    const geo = topojson.feature(
      topology,
      topology.objects.countries || topology.objects[Object.keys(topology.objects)[0]],
    );
    // neighbours in alternating shades, so a border reads at a glance; the names at their centres
    const shades = ["#f3efe4", "#ebe6d6", "#efe9dc", "#e6e1d0"];
    L.geoJSON(geo, {
      interactive: false,
      pane: "countries",
      style: (f) => ({
        color: "#7d7262",
        weight: 1.4,
        fillColor: shades[Number(f.id || 0) % shades.length],
        fillOpacity: 1,
      }),
      onEachFeature: (f, layer) => {
        const name = f.properties && f.properties.name;
        if (!name) return;
        const b = layer.getBounds();
        if (b.getNorth() - b.getSouth() < 1) return;
        const c = b.getCenter();
        L.marker(c, {
          interactive: false,
          keyboard: false,
          pane: "labels",
          icon: L.divIcon({
            className: "country-label",
            html: esc(name.toUpperCase()),
            iconSize: [160, 16],
            iconAnchor: [80, 8],
          }),
        }).addTo(this.layers.countries);
      },
    }).addTo(this.layers.countries);
  }

  drawBaseLayer(layer) {
    const isPlaces = layer.features.some((f) => f.geometry && f.geometry.type === "Point");
    if (isPlaces) {
      for (const f of layer.features) {
        if (!f.geometry || f.geometry.type !== "Point") continue;
        const [lon, lat] = f.geometry.coordinates;
        L.circleMarker([lat, lon], {
          radius: 3,
          color: "#333",
          weight: 1,
          fillColor: "#333",
          fillOpacity: 1,
          interactive: false,
        }).addTo(this.layers.places);
        L.marker([lat, lon], {
          interactive: false,
          keyboard: false,
          pane: "labels",
          icon: L.divIcon({
            className: "place-label",
            html: esc(f.properties.name || ""),
            iconSize: [140, 14],
            iconAnchor: [-5, 7],
          }),
        }).addTo(this.layers.places);
      }
    } else {
      L.geoJSON(layer, {
        style: (f) => ({
          color: "#a89a84",
          weight: f.properties && f.properties.ref && /^M/.test(f.properties.ref) ? 3.5 : 2.5,
          opacity: 0.75,
        }),
        onEachFeature: (f, l) =>
          f.properties &&
          f.properties.name &&
          l.bindTooltip(esc(f.properties.name), { sticky: true }),
      }).addTo(this.layers.roads);
    }
  }

  /**
   * Redraws the party's picture at `at` (ms): items (zones, sites, movements), units (live tracks,
   * else planned positions), conflicts.
   */
  /** Draws what the page shows at the view time (draw.js). */
  drawSituation(situation) {
    drawSituation(this, situation);
  }

  focus(place, zoom = 11) {
    this.map.setView([place[1], place[0]], Math.max(this.map.getZoom(), zoom));
  }

  fitItems(items) {
    const bounds = L.latLngBounds([]);
    for (const it of items) {
      const g = it.feature && it.feature.geometry;
      if (!g) continue;
      const flat =
        g.type === "Point"
          ? [g.coordinates]
          : g.type === "LineString"
            ? g.coordinates
            : g.type === "Polygon"
              ? g.coordinates[0]
              : [];
      for (const [x, y] of flat) bounds.extend([y, x]);
    }
    if (bounds.isValid()) this.map.fitBounds(bounds.pad(0.1));
  }
}
