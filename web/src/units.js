// The units on the map, drawn on one canvas: a DOM marker per unit (an SVG each) made the page
// unusable at tens of thousands of live tracks (issue 16: the map usable within 2 s of sign-in at
// 30,000 units). Each distinct symbol (code, course in 5° steps, faded or not) is drawn once by
// milsymbol and kept as a bitmap; a redraw only copies bitmaps for the units in view, and names
// them when few enough are; with more than DETAIL_LIMIT in view, each is a small square in its
// affiliation's colour instead (a symbol per unit cost ~20 µs each in a software canvas: 0.6 s for
// 30,000, where squares cost ~1 µs; at that density no symbol can be told from its neighbours
// anyway, and zooming in brings them back). The tooltip of the unit under the pointer is found by
// a scan of the points drawn.

/* global L, ms */

const COURSE_STEP = 5;
const LABEL_LIMIT = 400; // units in view above which names would only be clutter
const DETAIL_LIMIT = 3000; // units in view above which each is a square, not its symbol
const DOT = 5; // px: the side of a unit's square in a dense view
const HIT_PX = 12;
const SYMBOL_SIZE = 22;

export const UnitLayer = L.Layer.extend({
  initialize() {
    this._units = [];
    this._bitmaps = new Map();
    this._dots = new Map();
    this._drawn = {
      x: new Float64Array(0),
      y: new Float64Array(0),
      index: new Int32Array(0),
      n: 0,
    };
    this._tip = null;
    this._hover = -1;
    this._point = null;
  },

  onAdd(map) {
    this._map = map;
    if (!map.getPane("units")) {
      map.createPane("units").style.zIndex = 590; // over routes and areas, under conflicts
      map.getPane("units").style.pointerEvents = "none";
    }
    this._canvas = L.DomUtil.create("canvas", "unit-canvas", map.getPane("units"));
    map.on("moveend zoomend resize viewreset", this._redraw, this);
    map.on("zoomstart", this._hide, this);
    map.on("mousemove", this._pointer, this);
    map.on("mouseout", this._leave, this);
    this._redraw();
  },

  onRemove(map) {
    map.off("moveend zoomend resize viewreset", this._redraw, this);
    map.off("zoomstart", this._hide, this);
    map.off("mousemove", this._pointer, this);
    map.off("mouseout", this._leave, this);
    this._leave();
    L.DomUtil.remove(this._canvas);
    this._map = null;
  },

  /**
   * The units to draw: `{ lat, lon, sidc, course, faded, label, tooltip }` each (`faded` is 0 for
   * a live report, 1 for a planned position, 2 for a stale track; `tooltip` a function that writes
   * the tooltip's HTML).
   */
  setUnits(units) {
    this._units = units;
    this._leave();
    if (this._map) {
      this._redraw();
      // the pointer has not moved: the tooltip follows the unit now under it, if any
      if (this._point) this._hoverAt(this._point);
    }
  },

  _hide() {
    this._canvas.style.visibility = "hidden";
  },

  _redraw() {
    const map = this._map;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const canvas = this._canvas;
    canvas.width = Math.round(size.x * ratio);
    canvas.height = Math.round(size.y * ratio);
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    canvas.style.visibility = "visible";
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const bounds = map.getBounds().pad(0.05);
    const south = bounds.getSouth();
    const north = bounds.getNorth();
    const west = bounds.getWest();
    const east = bounds.getEast();
    const n = this._units.length;
    if (this._drawn.x.length < n) {
      this._drawn = {
        x: new Float64Array(n),
        y: new Float64Array(n),
        index: new Int32Array(n),
        n: 0,
      };
    }
    const drawn = this._drawn;
    drawn.n = 0;
    for (let i = 0; i < n; i++) {
      const u = this._units[i];
      if (u.lat < south || u.lat > north) continue;
      const lon = inLongitudes(u.lon, west, east);
      if (Number.isNaN(lon)) continue;
      const p = map.latLngToContainerPoint([u.lat, lon]);
      drawn.x[drawn.n] = p.x;
      drawn.y[drawn.n] = p.y;
      drawn.index[drawn.n] = i;
      drawn.n++;
    }
    if (drawn.n > DETAIL_LIMIT) {
      this._drawDots(ctx, drawn);
    } else {
      for (let k = 0; k < drawn.n; k++) {
        const u = this._units[drawn.index[k]];
        const b = this._bitmap(u, ratio);
        ctx.globalAlpha = alphaOf(u);
        ctx.drawImage(b.image, drawn.x[k] - b.ax, drawn.y[k] - b.ay, b.w, b.h);
      }
    }
    ctx.globalAlpha = 1;
    if (drawn.n <= LABEL_LIMIT) {
      ctx.font = "11px sans-serif";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#fff";
      ctx.fillStyle = "#222";
      for (let k = 0; k < drawn.n; k++) {
        const u = this._units[drawn.index[k]];
        if (!u.label) continue;
        const b = this._bitmap(u, ratio);
        const x = drawn.x[k] - b.ax + b.w + 2;
        ctx.strokeText(u.label, x, drawn.y[k]);
        ctx.fillText(u.label, x, drawn.y[k]);
      }
    }
  },

  /**
   * Each unit in view as a square in its affiliation's colour, framed in black: the squares of one
   * colour and opacity drawn together (a fill style set per group, not per unit).
   */
  _drawDots(ctx, drawn) {
    const groups = new Map();
    for (let k = 0; k < drawn.n; k++) {
      const u = this._units[drawn.index[k]];
      const dot = this._dot(u);
      let g = groups.get(dot);
      if (!g) groups.set(dot, (g = []));
      g.push(k);
    }
    const h = DOT / 2;
    for (const [dot, ks] of groups) {
      ctx.globalAlpha = dot.alpha;
      ctx.fillStyle = dot.frame;
      for (const k of ks) ctx.fillRect(drawn.x[k] - h - 1, drawn.y[k] - h - 1, DOT + 2, DOT + 2);
      ctx.fillStyle = dot.fill;
      for (const k of ks) ctx.fillRect(drawn.x[k] - h, drawn.y[k] - h, DOT, DOT);
    }
  },

  /** A unit's square: milsymbol's fill and frame colours of its affiliation, and its opacity. */
  _dot(u) {
    const key = `${u.sidc}|${u.faded}`;
    let d = this._dots.get(key);
    if (!d) {
      const symbol = new ms.Symbol(u.sidc, { size: SYMBOL_SIZE });
      const colors = symbol.getColors();
      const affiliation = symbol.getMetadata().affiliation;
      d = {
        fill: colors.fillColor[affiliation] || "rgb(255,255,128)",
        frame: colors.frameColor[affiliation] || "black",
        alpha: alphaOf(u),
      };
      this._dots.set(key, d);
    }
    return d;
  },

  /** The bitmap of a unit's symbol, drawn by milsymbol the first time its look is asked for. */
  _bitmap(u, ratio) {
    const course = Number.isFinite(u.course)
      ? (Math.round(u.course / COURSE_STEP) * COURSE_STEP) % 360
      : -1;
    const key = `${u.sidc}|${course}|${u.faded ? 1 : 0}|${ratio}`;
    let b = this._bitmaps.get(key);
    if (!b) {
      const symbol = new ms.Symbol(u.sidc, {
        size: SYMBOL_SIZE,
        direction: course >= 0 ? course : undefined,
        fillOpacity: u.faded ? 0.45 : 1,
      });
      const anchor = symbol.getAnchor();
      const size = symbol.getSize();
      b = {
        image: symbol.asCanvas(ratio),
        ax: anchor.x,
        ay: anchor.y,
        w: size.width,
        h: size.height,
      };
      this._bitmaps.set(key, b);
    }
    return b;
  },

  _pointer(e) {
    this._point = e.containerPoint;
    this._hoverAt(e.containerPoint);
  },

  _hoverAt({ x, y }) {
    const d = this._drawn;
    let best = -1;
    let bestD = HIT_PX * HIT_PX;
    // the last drawn is on top
    for (let k = d.n - 1; k >= 0; k--) {
      const dx = d.x[k] - x;
      const dy = d.y[k] - y;
      const dd = dx * dx + dy * dy;
      if (dd < bestD) {
        bestD = dd;
        best = d.index[k];
      }
    }
    if (best === this._hover) return;
    this._leave();
    if (best < 0) return;
    this._hover = best;
    const u = this._units[best];
    this._tip = L.tooltip({ direction: "top", offset: [0, -10], className: "unit-tooltip" })
      .setLatLng([u.lat, u.lon])
      .setContent(u.tooltip())
      .addTo(this._map);
  },

  _leave(e) {
    if (e) this._point = null; // the pointer left the map
    this._hover = -1;
    if (this._tip) {
      this._tip.remove();
      this._tip = null;
    }
  },
});

/** `lon`, or its copy a turn away, between `west` and `east` (bounds may pass ±180); else NaN. */
function inLongitudes(lon, west, east) {
  if (lon >= west && lon <= east) return lon;
  if (lon - 360 >= west && lon - 360 <= east) return lon - 360;
  if (lon + 360 >= west && lon + 360 <= east) return lon + 360;
  return NaN;
}

/** How opaque a unit is drawn: a live report fully, a planned position less, a stale track least. */
function alphaOf(u) {
  return u.faded === 1 ? 0.75 : u.faded === 2 ? 0.45 : 1;
}
