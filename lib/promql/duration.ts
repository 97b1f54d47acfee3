const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

// Prometheus duration syntax: one or more <int><unit> parts, largest unit first ("1h30m", "500ms").
const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const PARTS = ["y", "w", "d", "h", "m", "s", "ms"] as const;

/** Parses a Prometheus duration ("5m", "1h30m", "250ms") into milliseconds; null when invalid. */
export function parseDurationMs(text: string): number | null {
  if (text === "" || text === "0") return text === "0" ? 0 : null;
  const match = DURATION_RE.exec(text);
  if (!match) return null;
  let total = 0;
  PARTS.forEach((unit, i) => {
    const part = match[i + 1];
    if (part !== undefined) total += Number(part) * UNIT_MS[unit]!;
  });
  return total;
}

/**
 * Parses what the Prometheus API accepts for `step`, `timeout` and similar: a duration
 * string or a float number of seconds. Returns seconds, or null when invalid.
 */
export function parseDurationOrSeconds(text: string): number | null {
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds : null;
  }
  const ms = parseDurationMs(text);
  return ms === null ? null : ms / 1000;
}

/** Formats seconds the way Prometheus prints durations ("1h30m", "15s", "250ms"). */
export function formatDuration(seconds: number): string {
  let ms = Math.round(seconds * 1000);
  if (ms === 0) return "0s";
  let out = "";
  for (const unit of PARTS) {
    const size = UNIT_MS[unit]!;
    if (ms >= size) {
      out += `${Math.floor(ms / size)}${unit}`;
      ms %= size;
    }
  }
  return out;
}
