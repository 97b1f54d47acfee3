import { fromWallTime, wallTime, weekday, type TimeZoneSetting, type WallTime } from "./zone";

/** Units of Grafana's date maths: `M` months, `m` minutes, `Q` quarters. */
export type ZonedUnit = "s" | "m" | "h" | "d" | "w" | "M" | "Q" | "y";

/** First day of the week for `/w` (Grafana's `weekStart`); ISO Monday by default. */
export type WeekStart = "monday" | "sunday" | "saturday";

export interface ZonedParseOptions {
  /** Round `/unit` up to the last millisecond of the unit (Grafana does this for "to"). */
  roundUp?: boolean;
  /** "browser", "utc" or an IANA name; calendar maths and zone-less dates use it. Default "browser". */
  timeZone?: TimeZoneSetting;
  weekStart?: WeekStart;
}

const FIXED_MS: Partial<Record<ZonedUnit, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };
const WEEK_START_DAY: Record<WeekStart, number> = { sunday: 0, monday: 1, saturday: 6 };
const EPOCH_MS_RE = /^\d{1,16}$/;
const ISO_ZONED_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const OP_RE = /([+-])(\d*)([smhdwMQy])|\/([smhdwMQy])/y;

/**
 * Parses a Grafana time like `parseTime` (lib/time/parse.ts) does, with the calendar maths of
 * `now/d`, `now-1d/d`, `now/w` and `+1M` done in the given zone (an IANA name works, as in a
 * dashboard set to "Europe/Berlin"). Dates without an offset are read as that zone's wall clock.
 * Also takes quarters (`now/Q`). Fiscal units (`/fQ`) are not supported and return null.
 */
export function parseTimeInZone(text: string, nowMs: number, options: ZonedParseOptions = {}): number | null {
  const input = text.trim();
  const timeZone = options.timeZone ?? "browser";
  if (input.startsWith("now")) return applyDateMath(input.slice(3), nowMs, { ...options, timeZone });
  if (EPOCH_MS_RE.test(input)) return Number(input);
  if (ISO_ZONED_RE.test(input)) {
    const ms = Date.parse(input.replace(" ", "T"));
    return Number.isFinite(ms) ? ms : null;
  }
  const wall = WALL_RE.exec(input);
  if (!wall) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0"] = wall;
  const fields: WallTime = { year: +y!, month: +mo! - 1, day: +d!, hour: +h, minute: +mi, second: +s, millisecond: Math.floor(Number(`0.${frac}`) * 1000) };
  if (fields.month > 11 || fields.day < 1 || fields.day > daysInMonth(fields.year, fields.month) || fields.hour > 23 || fields.minute > 59 || fields.second > 59) return null;
  return fromWallTime(fields, timeZone);
}

function applyDateMath(ops: string, nowMs: number, options: ZonedParseOptions & { timeZone: string }): number | null {
  let ms = nowMs;
  OP_RE.lastIndex = 0;
  while (OP_RE.lastIndex < ops.length) {
    const match = OP_RE.exec(ops);
    if (!match) return null;
    const [, sign, digits, unit, roundUnit] = match;
    if (roundUnit !== undefined) {
      const start = startOf(ms, roundUnit as ZonedUnit, options);
      ms = options.roundUp ? addUnits(start, 1, roundUnit as ZonedUnit, options.timeZone) - 1 : start;
    } else {
      const amount = digits === "" || digits === undefined ? 1 : Number(digits);
      ms = addUnits(ms, sign === "-" ? -amount : amount, unit as ZonedUnit, options.timeZone);
    }
  }
  return Number.isFinite(ms) ? ms : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Adds calendar units the way moment does: days keep the wall time, months clamp the day (Jan 31 + 1M = Feb 29). */
export function addUnits(ms: number, amount: number, unit: ZonedUnit, timeZone: TimeZoneSetting): number {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return ms + amount * fixed;
  const w = wallTime(ms, timeZone);
  if (unit === "d" || unit === "w") return fromWallTime({ ...w, day: w.day + amount * (unit === "w" ? 7 : 1) }, timeZone);
  const months = amount * (unit === "y" ? 12 : unit === "Q" ? 3 : 1);
  const total = w.year * 12 + w.month + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  return fromWallTime({ ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) }, timeZone);
}

/** The first millisecond of the unit containing `ms`, on the zone's clock. */
export function startOf(ms: number, unit: ZonedUnit, options: ZonedParseOptions = {}): number {
  const timeZone = options.timeZone ?? "browser";
  const w = wallTime(ms, timeZone);
  const midnight = { ...w, hour: 0, minute: 0, second: 0, millisecond: 0 };
  switch (unit) {
    // Sub-day units subtract, so the repeated hour of a DST change keeps its own offset.
    case "s":
      return ms - w.millisecond;
    case "m":
      return ms - w.second * 1_000 - w.millisecond;
    case "h":
      return ms - w.minute * 60_000 - w.second * 1_000 - w.millisecond;
    case "d":
      return fromWallTime(midnight, timeZone);
    case "w": {
      const back = (weekday(w) - WEEK_START_DAY[options.weekStart ?? "monday"] + 7) % 7;
      return fromWallTime({ ...midnight, day: w.day - back }, timeZone);
    }
    case "M":
      return fromWallTime({ ...midnight, day: 1 }, timeZone);
    case "Q":
      return fromWallTime({ ...midnight, month: w.month - (w.month % 3), day: 1 }, timeZone);
    case "y":
      return fromWallTime({ ...midnight, month: 0, day: 1 }, timeZone);
  }
}
