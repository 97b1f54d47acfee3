import { toFixed } from "./decimals";

interface TimeStep {
  suffix: string;
  seconds: number;
}

// Largest first. A year is 365 days, as in Grafana's millisecond formatter.
const TIME_STEPS: readonly TimeStep[] = [
  { suffix: "year", seconds: 31_536_000 },
  { suffix: "week", seconds: 604_800 },
  { suffix: "day", seconds: 86_400 },
  { suffix: "hour", seconds: 3_600 },
  { suffix: "min", seconds: 60 },
  { suffix: "s", seconds: 1 },
  { suffix: "ms", seconds: 1e-3 },
  { suffix: "µs", seconds: 1e-6 },
  { suffix: "ns", seconds: 1e-9 },
];

export type TimeUnit = "s" | "ms" | "us" | "ns";

const UNIT_SECONDS: Record<TimeUnit, number> = { s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9 };

/**
 * A duration scaled to the most readable unit: 90 s is `1.50 min`, 0.002 s is `2 ms`. As in
 * Grafana, seconds may scale down to ns, but ms, µs and ns never go below their own unit.
 */
export function formatDuration(value: number, unit: TimeUnit, decimals?: number): { text: string; suffix: string } {
  const unitSeconds = UNIT_SECONDS[unit];
  const floorSeconds = unit === "s" ? 1e-9 : unitSeconds;
  const abs = Math.abs(value) * unitSeconds;
  const step =
    value === 0
      ? TIME_STEPS.find((s) => s.seconds === unitSeconds)
      : TIME_STEPS.find((s) => s.seconds >= floorSeconds && abs >= s.seconds * (1 - 1e-12));
  const chosen = step ?? TIME_STEPS.find((s) => s.seconds === floorSeconds)!;
  // Divide by the ratio of whole numbers so 0.002 s becomes exactly 2 ms, not 2.0000000000000004.
  const ratio = chosen.seconds / unitSeconds;
  const scaled = ratio >= 1 ? value / ratio : value * (unitSeconds / chosen.seconds);
  return { text: toFixed(Number(scaled.toPrecision(15)), decimals), suffix: ` ${chosen.suffix}` };
}
