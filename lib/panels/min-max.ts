/**
 * The scale of a value display (stat, gauge, bar gauge, percentage thresholds): the configured
 * min and max, else the data's, with min at most 0 so a bar for a positive value is never empty.
 */
export function resolveMinMax(values: readonly (number | null)[], min: number | undefined, max: number | undefined): { min: number; max: number } {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  let dataMin = 0;
  let dataMax = 0;
  for (const v of finite) {
    if (v < dataMin) dataMin = v;
    if (v > dataMax) dataMax = v;
  }
  const lo = min ?? dataMin;
  let hi = max ?? (finite.length === 0 ? 100 : dataMax);
  if (hi <= lo) hi = lo + (max === undefined ? 1 : 0);
  return { min: lo, max: hi };
}
