// What the map draws at the view time, on the MapView's layers: the zones (forbidden ones filled
// red), sites, routes (own solid, others dashed; routes running within an hour drawn bold with
// every waypoint's time), units as MIL-STD-2525 symbols (planned positions faded, live tracks
// with their direction), incidents and conflicts.

/* global L */

import { plannedPosition, happeningAt, ms as msOf } from "./knowledge.js";
import { sidc } from "./symbols.js";
import { esc } from "./dom.js";
import { bandText, jointText } from "./words.js";

const STALE_HIDDEN_MS = 15 * 60e3;

/** The colour of a site or zone that lapsed (not reconfirmed in time, D36). */
const LAPSED_GREY = "#7f8c8d";

/**
 * A zone that is a line (D34): its region (the service's `outline`) shaded without an edge, the
 * line itself drawn bold over it, and a tooltip saying which side or how wide.
 */
function drawLineZone(layer, it, f, party, colour, name, lapsed = "") {
  const p = f.properties || {};
  const forbidden = p.access === "forbidden";
  const what = p.side
    ? `${p.side} of the line${p.depthMeters ? ` to ${Math.round(p.depthMeters / 1000)} km` : ""}`
    : `within ${p.bufferMeters >= 1000 ? `${p.bufferMeters / 1000} km` : `${p.bufferMeters} m`} of the line`;
  const band = bandText(p);
  const tip = `${esc(party.toUpperCase())} zone: ${esc(name)} (${esc(what)})${band ? ` (${esc(band)})` : ""}${forbidden ? " (forbidden)" : ""}${lapsed}`;
  if (it.outline) {
    L.geoJSON(it.outline, {
      style: {
        className: "line-zone-region",
        stroke: false,
        fillColor: forbidden ? "#c0392b" : colour,
        fillOpacity: forbidden ? 0.18 : 0.1,
      },
    })
      .bindTooltip(tip, { sticky: true })
      .addTo(layer);
  }
  L.polyline(
    f.geometry.coordinates.map(([x, y]) => [y, x]),
    { className: "line-zone", color: colour, weight: 3, dashArray: forbidden ? null : "6 4" },
  )
    .bindTooltip(tip, { sticky: true })
    .addTo(layer);
}

export function drawSituation(
  view,
  { items, tracks, alerts, incidents = [], partners = new Set(), at, live, fmt, selected },
) {
  view.partners = partners;
  const { zones, sites, movements, units, conflicts } = view.layers;
  for (const g of [zones, sites, movements, conflicts]) g.clearLayers();
  const drawn = [];
  const tracked = new Set(tracks.map((t) => t.unit));
  for (const it of items) {
    const f = it.feature;
    if (!f || !f.geometry) continue;
    const party = it.party || (f.properties && f.properties.party);
    const colour = view.colour(party);
    const own = party === view.viewer;
    const name = (f.properties && f.properties.name) || it.id;
    // a site or zone not reconfirmed in time (D36): grey and dashed, and said so
    const lapsed = it.lapsed ? ` (LAPSED since ${esc(fmt(it.lapsedSince))})` : "";
    // an air item's band (D37), said in its label; "" on the ground band
    const band = bandText(f.properties);
    const banded = band ? ` (${esc(band)})` : "";
    if (it.kind === "zone" && f.geometry.type === "LineString") {
      drawLineZone(zones, it, f, party, it.lapsed ? LAPSED_GREY : colour, name, lapsed);
    } else if (it.kind === "zone") {
      const forbidden = f.properties && f.properties.access === "forbidden";
      L.geoJSON(f, {
        style: {
          className: it.lapsed ? "zone lapsed" : "zone",
          color: it.lapsed ? LAPSED_GREY : colour,
          weight: 2,
          dashArray: forbidden && !it.lapsed ? null : "6 4",
          fillColor: it.lapsed ? LAPSED_GREY : forbidden ? "#c0392b" : colour,
          fillOpacity: forbidden ? 0.18 : 0.08,
        },
      })
        .bindTooltip(
          `${esc(party.toUpperCase())} zone: ${esc(name)}${banded}${forbidden ? " (forbidden)" : ""}${lapsed}`,
          { sticky: true },
        )
        .addTo(zones);
    } else if (it.kind === "site") {
      const [lon, lat] = f.geometry.coordinates;
      const radius = (f.properties && f.properties.radiusMeters) || 200;
      L.circle([lat, lon], {
        radius,
        className: it.lapsed ? "site lapsed" : "site",
        color: it.lapsed ? LAPSED_GREY : colour,
        weight: 2,
        dashArray: it.lapsed ? "6 4" : null,
        fillOpacity: it.lapsed ? 0.05 : 0.15,
      })
        .bindTooltip(`${esc(party.toUpperCase())} site: ${esc(name)}${banded}${lapsed}`)
        .addTo(sites);
    } else if (it.kind === "movement" && f.geometry.type === "LineString") {
      const times = (f.properties && f.properties.times) || [];
      // a joint movement's parties and status (D39): "RU + TR (proposed)"
      const joint = jointText(it.joint);
      const t0 = times.length ? msOf(times[0]) : NaN;
      const t1 = times.length ? msOf(times[times.length - 1]) : NaN;
      const current = at >= t0 - 3600e3 && at <= t1 + 1800e3;
      const line = L.polyline(
        f.geometry.coordinates.map(([x, y]) => [y, x]),
        {
          color: colour,
          weight: current ? 3 : 2,
          opacity: current ? 0.9 : 0.35,
          dashArray: own ? null : "8 6",
          // classes say what it is, and which (`movement-<party>-<id>`, for tests and styles)
          className: [
            band ? "air-route" : "",
            joint ? `joint-route ${it.joint.status}` : "",
            `movement-${String(party).replace(/[^A-Za-z0-9_-]/g, "_")}-${String(it.id).replace(/[^A-Za-z0-9_-]/g, "_")}`,
          ]
            .filter(Boolean)
            .join(" "),
        },
      );
      line.bindTooltip(
        `${esc(party.toUpperCase())} ${esc(name)}${band ? ` ✈ ${esc(band)}` : ""}${joint ? `<br>joint: ${esc(joint)}` : ""}<br>${times.length ? `${esc(fmt(times[0]))} → ${esc(fmt(times[times.length - 1]))}` : ""}`,
        { sticky: true },
      );
      line.addTo(movements);
      if (current && times.length === f.geometry.coordinates.length) {
        // every waypoint with its time; the ends larger
        f.geometry.coordinates.forEach(([x, y], i) => {
          const end = i === 0 || i === times.length - 1;
          L.circleMarker([y, x], {
            radius: end ? 4 : 2.5,
            color: colour,
            weight: 1,
            fillColor: end ? colour : "#fff",
            fillOpacity: 1,
          })
            .bindTooltip(
              `${esc(name)}: ${i === 0 ? "start " : i === times.length - 1 ? "end " : ""}${esc(fmt(times[i]))}`,
            )
            .addTo(movements);
        });
      }
      const p = plannedPosition(f, at);
      if (p && !(live && tracked.has(it.id))) {
        drawn.push(
          unit(view, {
            position: [p[0], p[1]],
            course: p[2],
            party,
            properties: f.properties,
            id: it.id,
            planned: true,
            fmt,
          }),
        );
      }
    }
  }
  for (const t of tracks) {
    // a unit silent for more than 15 minutes is no longer where the map would draw it
    if (t.stale && at - msOf(t.time) > STALE_HIDDEN_MS) continue;
    drawn.push(
      unit(view, {
        position: t.position,
        course: t.courseDegrees,
        party: t.party,
        properties: {},
        id: t.unit,
        planned: false,
        stale: t.stale,
        time: t.time,
        fmt,
      }),
    );
  }
  units.setUnits(drawn);
  for (const i of incidents) {
    if (!i.place) continue;
    const icon = L.divIcon({
      className: "incident-marker",
      html: "<span>▲</span>",
      iconSize: [18, 18],
    });
    L.marker([i.place[1], i.place[0]], {
      icon,
      keyboard: false,
      title: `incident ${i.id}`,
      zIndexOffset: 900,
    })
      .bindTooltip(
        `${esc(i.id)} ${esc(i.kind)}<br>${esc(fmt(i.time))}<br>${esc((i.parties || []).join(", ").toUpperCase())}`,
      )
      .addTo(conflicts);
  }
  for (const a of alerts) {
    if (!a.location) continue;
    const now = happeningAt(a, at);
    const cls = `conflict-marker state-${a.state}${now ? " now" : ""}${a.id === selected ? " selected" : ""}`;
    const icon = L.divIcon({ className: cls, html: `<span>!</span>`, iconSize: [22, 22] });
    const m = L.marker([a.location[1], a.location[0]], {
      icon,
      keyboard: false,
      title: `conflict ${a.conflictId}`,
      zIndexOffset: 1000,
    });
    m.bindTooltip(
      `${esc(a.conflictId)} ${esc(a.kind)} with ${esc((a.other && a.other.party ? a.other.party : "another party").toUpperCase())}${a.lapsed ? " (lapsed site or zone)" : ""}<br>${esc(fmt(a.start))} → ${esc(fmt(a.end))}<br>${esc(a.state)}`,
    );
    m.on("click", () => view.onSelectAlert(a.id));
    m.addTo(conflicts);
    if (a.closest && a.closest.own && a.closest.other) {
      L.polyline(
        [
          [a.closest.own[1], a.closest.own[0]],
          [a.closest.other[1], a.closest.other[0]],
        ],
        { color: "#c0392b", weight: 2, dashArray: "2 4" },
      ).addTo(conflicts);
    }
  }
}

/** A unit as the units' canvas draws it (units.js). */
function unit(view, { position, course, party, properties, id, planned, stale, time, fmt }) {
  return {
    lat: position[1],
    lon: position[0],
    sidc: sidc(properties, party, view.viewer, view.partners),
    course,
    faded: planned ? 1 : stale ? 2 : 0,
    label: (id.length > 18 ? id.slice(-12) : id).replace(/[^\w.:-]/g, ""),
    // written when the pointer is over it: formatting a time for each of 30,000 units took seconds
    tooltip: () =>
      `${esc(party.toUpperCase())} ${esc(id)}${planned ? " (planned position)" : stale ? ` (stale, last ${esc(fmt(time))})` : ` (reported ${esc(fmt(time))})`}`,
  };
}
