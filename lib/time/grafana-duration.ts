// Grafana parses and prints intervals in two places with slightly different rules: the browser
// (`rangeutil`, moment-style units) and the Go backend (`gtime`, Go `time.Duration`). The query
// step and the built-in variables come from the backend, `$__interval` shown in the browser and
// the interval variable's `auto` from the frontend, so both are reproduced here.

const MS = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DAY_MS = 86_400_000;
// gtime.ParseDuration: calendar units use the Julian year, a month is a twelfth of it.
const GO_YEAR_MS = DAY_MS * 365.25;
const GO_DATE_UNIT_MS: Record<string, number> = { d: DAY_MS, w: 7 * DAY_MS, M: GO_YEAR_MS / 12, y: GO_YEAR_MS };
const GO_PART_RE = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Parses a duration as Grafana's backend does (`gtime.ParseDuration`): Go syntax such as
 * `1h30m`, `1.5s`, `250ms`, or a single `<n>d|w|M|y`. Returns milliseconds, or null.
 */
export function parseGoDurationMs(text: string): number | null {
  const date = /^(\d+)([dwMy])$/.exec(text);
  if (date) return Number(date[1]) * GO_DATE_UNIT_MS[date[2]!]!;
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return null;
  let total = 0;
  GO_PART_RE.lastIndex = 0;
  while (GO_PART_RE.lastIndex < rest.length) {
    const match = GO_PART_RE.exec(rest);
    if (!match) return null;
    total += Number(match[1]) * MS[match[2] as keyof typeof MS];
  }
  return sign * total;
}

/**
 * Parses a "Min step" / "Min interval" as Grafana's backend does
 * (`gtime.ParseIntervalStringToTimeDuration`): an optional `<`/`>` before and `>` after the
 * duration (older Grafana wrote `>10s` for "at least 10s"), and a bare number means seconds.
 */
export function parseMinIntervalMs(text: string): number | null {
  let inner = text.trim();
  if (inner.startsWith("<") || inner.startsWith(">")) inner = inner.slice(1);
  if (inner.endsWith(">")) inner = inner.slice(0, -1);
  if (/^\d+$/.test(inner)) return Number(inner) * 1_000;
  return parseGoDurationMs(inner);
}

/** Go's `time.Duration.String()` for milliseconds: `1m0s`, `1h0m0s`, `1.5s`, `500ms`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${sign}${trimNumber(abs)}ms`;
  const hours = Math.floor(abs / MS.h);
  const minutes = Math.floor((abs % MS.h) / MS.m);
  let out = `${trimNumber((abs % MS.m) / 1_000)}s`;
  if (hours > 0 || minutes > 0) out = `${minutes}m${out}`;
  if (hours > 0) out = `${hours}h${out}`;
  return sign + out;
}

function trimNumber(n: number): string {
  // Go prints at most nanosecond precision; our inputs are milliseconds, so 6 digits suffice.
  return String(Number(n.toFixed(6)));
}

/**
 * Grafana's backend `gtime.FormatInterval`: the largest whole unit, truncated
 * (`90s` prints as `1m`), `1ms` for anything smaller. This is how `$__interval` is printed.
 */
export function formatInterval(ms: number): string {
  const units: Array<[number, string]> = [
    [365 * DAY_MS, "y"],
    [DAY_MS, "d"],
    [MS.h, "h"],
    [MS.m, "m"],
    [MS.s, "s"],
    [MS.ms, "ms"],
  ];
  for (const [size, unit] of units) {
    if (ms >= size) return `${Math.floor(ms / size)}${unit}`;
  }
  return "1ms";
}

/** Grafana's frontend `rangeutil.secondsToHms`: the largest whole unit, truncated. */
export function secondsToHms(seconds: number): string {
  const years = Math.floor(seconds / 31_536_000);
  if (years) return `${years}y`;
  const days = Math.floor((seconds % 31_536_000) / 86_400);
  if (days) return `${days}d`;
  const hours = Math.floor(((seconds % 31_536_000) % 86_400) / 3_600);
  if (hours) return `${hours}h`;
  const minutes = Math.floor((((seconds % 31_536_000) % 86_400) % 3_600) / 60);
  if (minutes) return `${minutes}m`;
  const secs = Math.floor((((seconds % 31_536_000) % 86_400) % 3_600) % 60);
  if (secs) return `${secs}s`;
  const ms = Math.floor(seconds * 1_000);
  if (ms) return `${ms}ms`;
  return "less than a millisecond";
}

const FRONTEND_UNIT_S: Record<string, number> = { y: 31_536_000, M: 2_592_000, w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1, ms: 0.001 };

/**
 * Grafana's frontend `rangeutil.intervalToMs`: a bare number is seconds, otherwise the first
 * `<int><unit>` only (`1m30s` reads as 1m, `M` is 30 days). Null where Grafana would throw.
 */
export function intervalToMs(text: string): number | null {
  if (Number(text)) return Number.parseInt(text, 10) * 1_000;
  const match = /^(-?\d+(?:\.\d+)?)(ms|[Mwdhmsy])/.exec(text);
  if (!match) return null;
  return FRONTEND_UNIT_S[match[2]!]! * 1_000 * Number.parseInt(match[1]!, 10);
}
