import type { VariableOf } from "@/lib/dashboards/schema";
import { parseDurationMs } from "@/lib/promql/duration";
import { intervalToMs } from "@/lib/time/grafana-duration";
import { calculateInterval } from "../interval";
import { AUTO_TEXT, AUTO_VALUE, type VariableOption } from "./types";

type IntervalVariable = VariableOf<"interval">;

/** The interval choices: Auto first when enabled, then the listed intervals. */
export function intervalOptions(variable: IntervalVariable): VariableOption[] {
  // Old Grafana dashboards list their auto entry in the query as `$__auto_interval_<name>`.
  const intervals = variable.query
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "" && !s.startsWith("$__auto_interval"));
  const options = intervals.map((i) => ({ text: i, value: i }));
  return variable.auto ? [{ text: AUTO_TEXT, value: AUTO_VALUE }, ...options] : options;
}

/** Whether a stored or URL value means Auto: `$__auto`, or the older `$__auto_interval_<name>` and `auto`. */
export function isAutoInterval(value: string): boolean {
  return value === AUTO_VALUE || value.startsWith("$__auto_interval") || value === "auto";
}

/**
 * What Auto stands for: Grafana's `rangeutil.calculateInterval(range, auto_count, auto_min)`,
 * i.e. range / auto_count on the rounding ladder, at least auto_min ("10s" by default).
 */
export function autoInterval(variable: Pick<IntervalVariable, "auto_count" | "auto_min">, rangeMs: number): string {
  const minIntervalMs = intervalToMs(variable.auto_min) ?? undefined;
  return calculateInterval({ rangeMs, maxDataPoints: variable.auto_count, minIntervalMs }).interval;
}

/**
 * The interval selected: Auto when asked for and enabled; otherwise the requested interval if it
 * is a duration (Grafana keeps any value, even one not listed); else the first choice.
 */
export function selectInterval(variable: IntervalVariable, requested: string | undefined): string {
  const options = intervalOptions(variable);
  if (requested !== undefined && isAutoInterval(requested)) {
    if (variable.auto) return AUTO_VALUE;
  } else if (requested !== undefined && requested !== "") {
    const ms = parseDurationMs(requested);
    if (ms !== null && ms > 0) return requested;
  }
  return options.find((o) => o.value !== AUTO_VALUE)?.value ?? AUTO_VALUE;
}
