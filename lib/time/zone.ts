/** Calendar fields of an instant as a clock in some time zone shows them (month 0-11). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Grafana's time zone setting: "browser" (the viewer's), "utc", or an IANA name such as "Europe/Berlin". */
export type TimeZoneSetting = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the setting names a zone this runtime knows ("browser" and "utc" always do). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone === "browser" || timeZone === "utc") return true;
  if (timeZone === "") return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `ms` in the zone. */
export function wallTime(ms: number, timeZone: TimeZoneSetting): WallTime {
  const d = new Date(ms);
  if (timeZone === "browser") {
    return { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(), millisecond: d.getMilliseconds() };
  }
  if (timeZone === "utc") {
    return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds() };
  }
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(d)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month! - 1,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    millisecond: d.getUTCMilliseconds(),
  };
}

/** Day of the week (0 = Sunday) of a calendar date, independent of any zone. */
export function weekday(w: Pick<WallTime, "year" | "month" | "day">): number {
  return new Date(Date.UTC(w.year, w.month, w.day)).getUTCDay();
}

// Date.UTC normalises overflowing fields (month 12, day 0), which the calendar maths relies on.
function asUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond);
}

/** Milliseconds to add to UTC to get the zone's wall clock at `ms` (+3_600_000 for CET). */
export function utcOffsetMs(ms: number, timeZone: TimeZoneSetting): number {
  return asUtc(wallTime(ms, timeZone)) - ms;
}

/**
 * The instant a zone's clock shows `w`. Like moment-timezone and `new Date(y, m, d)`: a time
 * skipped by a DST change moves forward by the gap, and a repeated time takes the earlier instant.
 */
export function fromWallTime(w: WallTime, timeZone: TimeZoneSetting): number {
  if (timeZone === "utc") return asUtc(w);
  if (timeZone === "browser") return new Date(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond).getTime();
  const local = asUtc(w);
  // No zone changes its offset twice within 14 hours, so these two offsets bracket any change near `w`.
  const before = local - utcOffsetMs(local - 14 * 3_600_000, timeZone);
  const after = local - utcOffsetMs(local + 14 * 3_600_000, timeZone);
  const shows = (t: number) => asUtc(wallTime(t, timeZone)) === local;
  const candidates = [before, after].filter(shows);
  if (candidates.length > 0) return Math.min(...candidates);
  return before;
}
