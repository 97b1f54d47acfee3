/** A dashboard time zone: "browser" (the viewer's), "utc", or an IANA name. */
export type PanelTimezone = string;

function timeZoneOption(timezone: PanelTimezone): string | undefined {
  if (timezone === "browser" || timezone === "") return undefined;
  return timezone === "utc" ? "UTC" : timezone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// The callers pass a few constant option objects: their JSON, computed once each.
const partsKeys = new WeakMap<Intl.DateTimeFormatOptions, string>();
function partsKey(parts: Intl.DateTimeFormatOptions): string {
  let key = partsKeys.get(parts);
  if (key === undefined) partsKeys.set(parts, (key = JSON.stringify(parts)));
  return key;
}

function formatter(timezone: PanelTimezone, parts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timezone}|${partsKey(parts)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-CA", { ...parts, hourCycle: "h23", timeZone: timeZoneOption(timezone) });
    } catch {
      // An unknown zone falls back to the browser's rather than breaking the panel.
      f = new Intl.DateTimeFormat("en-CA", { ...parts, hourCycle: "h23" });
    }
    formatters.set(key, f);
  }
  return f;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The date and time fields of `ms` in `timezone`, as `Intl.DateTimeFormat("en-CA", { ...parts,
 * hourCycle: "h23" })` writes them. UTC and the browser's own zone are read from Date's getters
 * (what Intl itself computes, ~50× cheaper than formatToParts: a dashboard's axes format hundreds
 * of labels per draw); other IANA zones go through Intl.
 */
function pick(ms: number, timezone: PanelTimezone, parts: Intl.DateTimeFormatOptions): Record<string, string> {
  if (timezone === "utc" || timezone === "browser" || timezone === "") {
    const d = new Date(ms);
    const utc = timezone === "utc";
    return {
      year: String(utc ? d.getUTCFullYear() : d.getFullYear()),
      month: pad2((utc ? d.getUTCMonth() : d.getMonth()) + 1),
      day: pad2(utc ? d.getUTCDate() : d.getDate()),
      hour: pad2(utc ? d.getUTCHours() : d.getHours()),
      minute: pad2(utc ? d.getUTCMinutes() : d.getMinutes()),
      second: pad2(utc ? d.getUTCSeconds() : d.getSeconds()),
    };
  }
  const out: Record<string, string> = {};
  for (const part of formatter(timezone, parts).formatToParts(ms)) out[part.type] = part.value;
  return out;
}

const DATE_TIME_PARTS: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" };

/** `YYYY-MM-DD HH:mm:ss` in the dashboard's time zone, for tooltips. */
export function formatDateTimeIn(ms: number, timezone: PanelTimezone): string {
  const p = pick(ms, timezone, DATE_TIME_PARTS);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * An axis tick label whose detail suits the visible span, as Grafana's: seconds for a few
 * minutes, `HH:mm` within a day, `MM/DD HH:mm` within a week, `MM/DD` beyond.
 */
export function formatAxisTime(ms: number, spanMs: number, timezone: PanelTimezone): string {
  const detail = spanMs <= 5 * MINUTE_MS ? 0 : spanMs <= DAY_MS ? 1 : spanMs <= 7 * DAY_MS ? 2 : 3;
  // A dashboard's charts share their time range, so their axes label the same instants, and ECharts
  // formats each label more than once per draw (its label-space estimate, then the axis itself):
  // Intl's formatToParts was ~a third of a chart's axis layout. Labels are remembered per zone.
  const key = `${timezone}|${detail}|${ms}`;
  const known = axisLabels.get(key);
  if (known !== undefined) return known;
  const p = pick(ms, timezone, AXIS_PARTS);
  const label = detail === 0 ? `${p.hour}:${p.minute}:${p.second}` : detail === 1 ? `${p.hour}:${p.minute}` : detail === 2 ? `${p.month}/${p.day} ${p.hour}:${p.minute}` : `${p.month}/${p.day}`;
  if (axisLabels.size >= AXIS_LABELS_MAX) axisLabels.clear();
  axisLabels.set(key, label);
  return label;
}

const AXIS_PARTS: Intl.DateTimeFormatOptions = { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" };
// Bounded: a long-open page with auto-refresh labels new instants all the time.
const AXIS_LABELS_MAX = 4096;
const axisLabels = new Map<string, string>();
