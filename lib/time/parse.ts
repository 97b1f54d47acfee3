/** Calendar units of Grafana's date maths: `M` is months, `m` minutes. */
export type TimeUnit = "s" | "m" | "h" | "d" | "w" | "M" | "y";

export interface ParseTimeOptions {
  /** Round `/unit` up to the last millisecond of the unit (Grafana does this for the "to" end). */
  roundUp?: boolean;
  /** Do calendar maths in UTC instead of the browser's time zone. */
  utc?: boolean;
}

const FIXED_MS: Partial<Record<TimeUnit, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };
const EPOCH_MS_RE = /^\d{1,16}$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const OP_RE = /([+-])(\d*)([smhdwMy])|\/([smhdwMy])/y;

/**
 * Parses a Grafana-style time: `now`, `now-6h`, `now-1d/d`, `now/w`, epoch milliseconds or ISO 8601.
 * Returns epoch milliseconds, or null when the text is not a valid time.
 */
export function parseTime(text: string, nowMs: number, options: ParseTimeOptions = {}): number | null {
  const input = text.trim();
  if (input === "") return null;
  if (input.startsWith("now")) return applyDateMath(input.slice(3), nowMs, options);
  if (EPOCH_MS_RE.test(input)) return Number(input);
  if (!ISO_RE.test(input)) return null;
  const ms = Date.parse(input.replace(" ", "T"));
  return Number.isFinite(ms) ? ms : null;
}

/** Whether the text is relative to now, so the time it stands for moves on every run. */
export function isRelativeTime(text: string): boolean {
  return text.trim().startsWith("now");
}

function applyDateMath(ops: string, nowMs: number, options: ParseTimeOptions): number | null {
  let ms = nowMs;
  OP_RE.lastIndex = 0;
  while (OP_RE.lastIndex < ops.length) {
    const match = OP_RE.exec(ops);
    if (!match) return null;
    const [, sign, digits, unit, roundUnit] = match;
    if (roundUnit !== undefined) {
      ms = roundTo(ms, roundUnit as TimeUnit, options);
    } else if (unit !== undefined) {
      const amount = digits === "" || digits === undefined ? 1 : Number(digits);
      ms = addUnits(ms, sign === "-" ? -amount : amount, unit as TimeUnit, options.utc ?? false);
    }
  }
  return Number.isFinite(ms) ? ms : null;
}

/** A view of Date's calendar fields in UTC or local time, so the maths below is written once. */
function calendar(ms: number, utc: boolean) {
  const d = new Date(ms);
  return {
    year: utc ? d.getUTCFullYear() : d.getFullYear(),
    month: utc ? d.getUTCMonth() : d.getMonth(),
    day: utc ? d.getUTCDate() : d.getDate(),
    weekday: utc ? d.getUTCDay() : d.getDay(),
    hours: utc ? d.getUTCHours() : d.getHours(),
    make: (y: number, mo: number, da: number, h = 0, mi = 0, s = 0) =>
      utc ? Date.UTC(y, mo, da, h, mi, s) : new Date(y, mo, da, h, mi, s).getTime(),
  };
}

function addUnits(ms: number, amount: number, unit: TimeUnit, utc: boolean): number {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return ms + amount * fixed;
  const d = new Date(ms);
  // Days, weeks, months and years follow the calendar, so DST days and short months stay whole.
  if (unit === "d" || unit === "w") {
    const days = unit === "w" ? amount * 7 : amount;
    if (utc) d.setUTCDate(d.getUTCDate() + days);
    else d.setDate(d.getDate() + days);
  } else if (unit === "M") {
    if (utc) d.setUTCMonth(d.getUTCMonth() + amount);
    else d.setMonth(d.getMonth() + amount);
  } else {
    if (utc) d.setUTCFullYear(d.getUTCFullYear() + amount);
    else d.setFullYear(d.getFullYear() + amount);
  }
  return d.getTime();
}

function startOf(ms: number, unit: TimeUnit, utc: boolean): number {
  const fixed = FIXED_MS[unit];
  const c = calendar(ms, utc);
  if (fixed !== undefined) {
    if (unit !== "h" || utc) return Math.floor(ms / fixed) * fixed;
    // Time zones with half-hour offsets need the local hour, not the UTC one.
    return c.make(c.year, c.month, c.day, c.hours);
  }
  switch (unit) {
    case "d":
      return c.make(c.year, c.month, c.day);
    case "w":
      // ISO weeks start on Monday.
      return c.make(c.year, c.month, c.day - ((c.weekday + 6) % 7));
    case "M":
      return c.make(c.year, c.month, 1);
    default:
      return c.make(c.year, 0, 1);
  }
}

function roundTo(ms: number, unit: TimeUnit, options: ParseTimeOptions): number {
  const utc = options.utc ?? false;
  const start = startOf(ms, unit, utc);
  return options.roundUp ? addUnits(start, 1, unit, utc) - 1 : start;
}
