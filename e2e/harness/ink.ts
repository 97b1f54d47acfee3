// Per-pixel-column ink comparison of two renders of one series (Node side; the extents are read in
// the browser by chart-harness.ts). Shared by e2e/m4-ink.spec.ts and `npm run bench` (B4).

/** Per pixel column, the topmost and bottommost row with ink; -1 where the column has none. */
export interface InkExtents {
  top: number[];
  bottom: number[];
}

/** Per pixel column, the data's own extremes in canvas rows (fractional; +∞/−∞ where the column has no segment). */
export interface DataExtents {
  top: number[];
  bottom: number[];
}

export interface InkRun {
  rawPoints: number;
  m4Points: number;
  rawInk: InkExtents;
  m4Ink: InkExtents;
  data: DataExtents;
}

export interface InkComparison {
  /** Columns holding data points that belong to a drawn segment. */
  checked: number;
  /** Columns where the render's ink does not reach the data's extreme within 1 px. */
  rawMisses: string[];
  m4Misses: string[];
  /** Columns where one render inks beyond the other's ink in the column and its neighbours by > 1 px. */
  m4BeyondRaw: string[];
  rawBeyondM4: string[];
  /** Columns where the two extents differ by > 1 px column for column (the stroke's sideways fringe included). */
  exactDiffer: string[];
}

const TOLERANCE_PX = 1;

function misses(ink: InkExtents, data: DataExtents, x: number): boolean {
  const top = data.top[x]!;
  const bottom = data.bottom[x]!;
  // A 1-px stroke through row y (fractional) inks rows floor(y ± 0.5): within 1 px of floor(y).
  return ink.top[x]! < 0 || ink.top[x]! > Math.floor(top) + TOLERANCE_PX || ink.bottom[x]! < Math.floor(bottom) - TOLERANCE_PX;
}

/** Whether `a`'s ink in column x lies within `b`'s ink over x − 1 … x + 1, within 1 px. */
function within(a: InkExtents, b: InkExtents, x: number): boolean {
  if (a.top[x]! < 0) return true;
  let top = Infinity;
  let bottom = -Infinity;
  for (const i of [x - 1, x, x + 1]) {
    if (i < 0 || i >= b.top.length || b.top[i]! < 0) continue;
    top = Math.min(top, b.top[i]!);
    bottom = Math.max(bottom, b.bottom[i]!);
  }
  return a.top[x]! >= top - TOLERANCE_PX && a.bottom[x]! <= bottom + TOLERANCE_PX;
}

const show = (ink: InkExtents, x: number) => (ink.top[x]! < 0 ? "none" : `${ink.top[x]}..${ink.bottom[x]}`);

/** Compares the raw and the M4 render of one series column by column. */
export function compareInk({ rawInk, m4Ink, data }: InkRun): InkComparison {
  const out: InkComparison = { checked: 0, rawMisses: [], m4Misses: [], m4BeyondRaw: [], rawBeyondM4: [], exactDiffer: [] };
  for (let x = 0; x < rawInk.top.length; x++) {
    const where = () => `x=${x}: data ${data.top[x]!.toFixed(1)}..${data.bottom[x]!.toFixed(1)}, raw ${show(rawInk, x)}, m4 ${show(m4Ink, x)}`;
    if (data.top[x]! <= data.bottom[x]!) {
      out.checked++;
      if (misses(rawInk, data, x)) out.rawMisses.push(where());
      if (misses(m4Ink, data, x)) out.m4Misses.push(where());
    }
    if (!within(m4Ink, rawInk, x)) out.m4BeyondRaw.push(where());
    if (!within(rawInk, m4Ink, x)) out.rawBeyondM4.push(where());
    const presence = rawInk.top[x]! < 0 !== m4Ink.top[x]! < 0;
    if (presence || Math.abs(rawInk.top[x]! - m4Ink.top[x]!) > TOLERANCE_PX || Math.abs(rawInk.bottom[x]! - m4Ink.bottom[x]!) > TOLERANCE_PX) out.exactDiffer.push(where());
  }
  return out;
}
