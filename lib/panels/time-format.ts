/** A dashboard time zone: "browser" (the viewer's), "utc", or an IANA name. */
export type PanelTimezone = string;

function timeZoneOption(timezone: PanelTimezone): string | undefined {
  if (timezone === "browser" || timezone === "") return undefined;
  return timezone === "utc" ? "UTC" : timezone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: PanelTimezone, parts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timezone}|${JSON.stringify(parts)}`;
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

function pick(ms: number, timezone: PanelTimezone, parts: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of formatter(timezone, parts).formatToParts(ms)) out[part.type] = part.value;
  return out;
}

/** `YYYY-MM-DD HH:mm:ss` in the dashboard's time zone, for tooltips. */
export function formatDateTimeIn(ms: number, timezone: PanelTimezone): string {
  const p = pick(ms, timezone, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * An axis tick label whose detail suits the visible span, as Grafana's: seconds for a few
 * minutes, `HH:mm` within a day, `MM/DD HH:mm` within a week, `MM/DD` beyond.
 */
export function formatAxisTime(ms: number, spanMs: number, timezone: PanelTimezone): string {
  const p = pick(ms, timezone, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  if (spanMs <= 5 * MINUTE_MS) return `${p.hour}:${p.minute}:${p.second}`;
  if (spanMs <= DAY_MS) return `${p.hour}:${p.minute}`;
  if (spanMs <= 7 * DAY_MS) return `${p.month}/${p.day} ${p.hour}:${p.minute}`;
  return `${p.month}/${p.day}`;
}
