/**
 * Grafana's automatic decimals: about three significant digits below 100, none for integers and
 * for values of 100 and more (`1.50`, `12.3`, `0.0123`, `123`).
 */
export function autoDecimals(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return 0;
  if (value % 1 === 0) return 0;
  const log10 = Math.floor(Math.log10(Math.abs(value)));
  // Grafana computes `1 - log10` and adds one for mantissas above 2.25, which its normalisation
  // (to 10..100) makes always true.
  return Math.max(0, 2 - log10);
}

/**
 * Rounds to `decimals` places and pads with zeros, as Grafana's `toFixed` does; `decimals` unset
 * means automatic. Tiny or huge values keep JavaScript's exponent form.
 */
export function toFixed(value: number, decimals?: number): string {
  const places = Math.max(0, decimals ?? autoDecimals(value));
  if (value === 0) return value.toFixed(places);
  const factor = 10 ** places;
  const rounded = String(Math.round(value * factor) / factor);
  if (rounded.includes("e")) return rounded;
  const dot = rounded.indexOf(".");
  const precision = dot === -1 ? 0 : rounded.length - dot - 1;
  if (precision >= places) return rounded;
  return (precision ? rounded : `${rounded}.`) + "0".repeat(places - precision);
}
