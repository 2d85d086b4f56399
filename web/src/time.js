// Times for people: every instant shown in UTC and in the chosen local time zone.

const pad = (n) => String(n).padStart(2, "0");

/** "2022-10-08 07:45 UTC" */
export function utc(instant, seconds = false) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return "";
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${base}${seconds ? `:${pad(d.getUTCSeconds())}` : ""} UTC`;
}

const formatters = new Map();

/**
 * The formatter of `zone`, made once: making one costs about 0.1 ms, and a redraw formats the
 * times of a thousand alerts (0.18 s at the 30,000-unit sign-in before it was kept).
 */
function formatter(zone) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "shortOffset",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** "10:45 +03" in `zone` (an IANA zone), with the date when it differs from the UTC date. */
export function local(instant, zone, seconds = false) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return "";
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const sameDay = `${parts.year}-${parts.month}-${parts.day}` === d.toISOString().slice(0, 10);
  const offset =
    (parts.timeZoneName || "").replace("GMT", "UTC").replace(/^UTC[+-]0$/, "UTC") || zone;
  return `${sameDay ? "" : `${parts.year}-${parts.month}-${parts.day} `}${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ""} ${offset === "UTC" ? "UTC" : offset} local`;
}

/** Both: "2022-10-08 07:45 UTC (10:45 UTC+3 local)". */
export function both(instant, zone, seconds = false) {
  return `${utc(instant, seconds)} (${local(instant, zone, seconds)})`;
}

/** "in 12 min", "3 h 5 min ago", from `now` (ms) to `instant`. */
export function relative(instant, now) {
  const delta = Math.round((Date.parse(instant) - now) / 60000);
  const abs = Math.abs(delta);
  const text =
    abs < 60 ? `${abs} min` : `${Math.floor(abs / 60)} h${abs % 60 ? ` ${abs % 60} min` : ""}`;
  if (abs === 0) return "now";
  return delta > 0 ? `in ${text}` : `${text} ago`;
}

/**
 * Parses what an officer typed as a UTC time: "07:45", "0745", "2022-10-08 07:45",
 * "2022-10-08T07:45Z". A time of day alone takes its date from `day` (an instant). Returns an ISO
 * instant, or null if it cannot be read.
 */
export function parseUtc(text, day) {
  const s = String(text || "")
    .trim()
    .replace(/\s*UTC$/i, "")
    .replace(/Z$/i, "");
  let m = s.match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):?(\d{2})(?::(\d{2}))?$/);
  if (m) {
    const [, y, mo, d, h, mi, se] = m;
    return check(Date.UTC(+y, +mo - 1, +d, +h, +mi, +(se || 0)), +h, +mi);
  }
  m = s.match(/^(\d{1,2}):?(\d{2})(?::(\d{2}))?$/);
  if (m && day) {
    const base = new Date(day);
    const [, h, mi, se] = m;
    return check(
      Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate(), +h, +mi, +(se || 0)),
      +h,
      +mi,
    );
  }
  return null;
}

function check(value, h, mi) {
  if (h > 23 || mi > 59 || Number.isNaN(value)) return null;
  return new Date(value).toISOString().replace(".000Z", "Z");
}

/** Parses a place as an officer reads it, latitude first ("37.005, 41.42"); returns [lon, lat] or null. */
export function parsePlace(text) {
  const m = String(text || "")
    .trim()
    .match(/^(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)$/);
  if (!m) return null;
  const lat = +m[1];
  const lon = +m[2];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return [lon, lat];
}

/** "37.0050 N, 41.4200 E" */
export function formatPlace([lon, lat]) {
  return `${Math.abs(lat).toFixed(4)} ${lat >= 0 ? "N" : "S"}, ${Math.abs(lon).toFixed(4)} ${lon >= 0 ? "E" : "W"}`;
}

/** "37.0050, 41.4200" as an officer types it back (latitude, longitude). */
export function placeInput([lon, lat]) {
  return `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
}
