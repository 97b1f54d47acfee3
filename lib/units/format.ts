import type { Unit } from "@/lib/dashboards/schema/field-config";
import { toFixed } from "./decimals";
import { formatDuration } from "./time";

/** A formatted value split as Grafana does, so a stat can draw the suffix smaller. */
export interface FormattedValue {
  text: string;
  suffix: string;
}

const SI_PREFIXES = ["n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"];
const SI_BASE = SI_PREFIXES.indexOf("");
const IEC_PREFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"];
const SHORT_SUFFIXES = ["", " K", " Mil", " Bil", " Tri", " Quadr", " Quint", " Sext", " Sept"];
const COUNT_PREFIXES = ["", "K", "M", "B", "T"];

/**
 * Grafana's `scaledUnits`: divides by `factor` per step up the list (and, when `base` > 0, down
 * it for small values), clamped to the ends of the list.
 */
function scaled(value: number, factor: number, suffixes: readonly string[], decimals: number | undefined, base = 0): FormattedValue {
  const abs = Math.abs(value);
  let index = 0;
  if (abs > 0) {
    // Counting steps instead of taking a logarithm keeps 1024² exactly "1 MiB".
    while (index + base < suffixes.length - 1 && abs >= factor ** (index + 1)) index++;
    while (index + base > 0 && abs < factor ** index) index--;
  }
  const divisor = factor ** index;
  const scaledValue = Number((value / divisor).toPrecision(15));
  return { text: toFixed(scaledValue, decimals), suffix: suffixes[index + base] ?? "" };
}

const si = (symbol: string) => (v: number, d?: number) => scaled(v, 1000, SI_PREFIXES.map((p) => ` ${p}${symbol}`), d, SI_BASE);
const iec = (symbol: string) => (v: number, d?: number) => scaled(v, 1024, IEC_PREFIXES.map((p) => ` ${p}${symbol}`), d);
const count = (symbol: string) => (v: number, d?: number) => {
  const f = scaled(v, 1000, COUNT_PREFIXES, d);
  return { text: f.text, suffix: `${f.suffix} ${symbol}` };
};
const fixed = (suffix: string) => (v: number, d?: number) => ({ text: toFixed(v, d), suffix });

const FORMATTERS: Record<Unit, (value: number, decimals?: number) => FormattedValue> = {
  none: fixed(""),
  short: (v, d) => scaled(v, 1000, SHORT_SUFFIXES, d),
  percent: fixed("%"),
  percentunit: (v, d) => ({ text: toFixed(Number((v * 100).toPrecision(15)), d), suffix: "%" }),
  bytes: iec("B"),
  decbytes: si("B"),
  bits: iec("b"),
  decbits: si("b"),
  Bps: si("B/s"),
  bps: si("b/s"),
  s: (v, d) => formatDuration(v, "s", d),
  ms: (v, d) => formatDuration(v, "ms", d),
  us: (v, d) => formatDuration(v, "us", d),
  ns: (v, d) => formatDuration(v, "ns", d),
  reqps: count("req/s"),
  ops: count("ops/s"),
  rps: count("rd/s"),
  wps: count("wr/s"),
  hertz: si("Hz"),
  celsius: fixed(" °C"),
};

/**
 * Formats a value in a Grafana unit, split into number and suffix. Null is "No data"; NaN and ±Inf
 * are spelled as Prometheus spells them.
 */
export function formatValueParts(value: number | null | undefined, unit: Unit, decimals?: number): FormattedValue {
  if (value === null || value === undefined) return { text: "No data", suffix: "" };
  if (Number.isNaN(value)) return { text: "NaN", suffix: "" };
  if (!Number.isFinite(value)) return { text: value > 0 ? "+Inf" : "-Inf", suffix: "" };
  const formatter = FORMATTERS[unit] ?? FORMATTERS.short;
  return formatter(value, decimals);
}

/** Formats a value in a Grafana unit: `formatValue(1536, "bytes")` is `1.50 KiB`. */
export function formatValue(value: number | null | undefined, unit: Unit, decimals?: number): string {
  const { text, suffix } = formatValueParts(value, unit, decimals);
  return text + suffix;
}
