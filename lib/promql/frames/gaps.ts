// Gap bitmaps of decoded columns (decode.ts ColumnSeries.gaps): bit i = byte i >> 3, bit i & 7, set =
// entry i has no sample. No imports: the panels' accessor (lib/panels/samples.ts) uses it without the frame schema.

/** Whether entry i of a gap bitmap is a gap. */
export const hasGap = (gaps: Uint8Array | null, i: number): boolean => gaps !== null && ((gaps[i >> 3]! >> (i & 7)) & 1) === 1;

/** A gap bitmap of `n` entries, every bit set (no samples yet): clear bits as samples arrive. */
export function allGaps(n: number): Uint8Array {
  const gaps = new Uint8Array((n + 7) >> 3).fill(0xff);
  if (n % 8) gaps[gaps.length - 1] = (1 << n % 8) - 1;
  return gaps;
}

/** Marks entry i as a sample (clears its gap bit). */
export function clearGap(gaps: Uint8Array, i: number): void {
  gaps[i >> 3] = gaps[i >> 3]! & ~(1 << (i & 7));
}

/** The bitmap, or null when no bit is set (a series without gaps holds none). */
export function gapsOrNull(gaps: Uint8Array): Uint8Array | null {
  for (let i = 0; i < gaps.length; i++) if (gaps[i] !== 0) return gaps;
  return null;
}
