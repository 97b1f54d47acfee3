// Per-pixel-column ink comparison of two renders of one series (Node side; the extents are read in
// the browser by chart-harness.ts `inkOfSeries`). Shared by e2e/m4-ink.spec.ts and `npm run bench` (B4).
//
// What "ink" means here, anti-aliasing set aside (issue 7: "each pixel column's vertical ink extent
// equals the raw render's, anti-aliasing aside"). Two rasterisations of the same ECharts scene: the
// anti-aliased canvas the app draws, and Chromium's rendering with anti-aliasing off (SVG renderer,
// `shape-rendering: crispEdges`: a pixel is inked when its centre lies inside the stroke's outline).
// - `core`: centre inside the stroke, and at least half covered by the anti-aliased stroke;
// - `partial`: centre inside the stroke, or at least a quarter covered by the anti-aliased stroke;
// - `aa`: any ink at all on the anti-aliased canvas (alpha > 0).
//
// The property, per series and per pixel column, column for column, within 1 px: each render's core
// extent lies within the other render's partial extent. M4's guarantee is about the centre line: in
// each column the reduced line visits the column's first, min, max and last, so the centre line spans
// the same rows in every column, and a stroke's core only reaches pixels near its centre line.
//
// Why not the `aa` extents (recorded as `aaDiffer`: 10–30 % of series-columns): a 1-px stroke reaches
// half a pixel into the next column, and the raw line (~80 points per column) zigzags through a
// column's last half-pixel with dozens of near-vertical segments whose union covers the next column's
// pixels 60–90 % (measured), where M4's one segment to the column's last point covers little: the
// stroke's sideways fringe, not the line's extent. Why not the aliased render alone (`coreDiffer`,
// ~0.1–0.2 %): where a segment runs half a pixel from a column's pixel centres, those pixels are about
// half covered, and whether the centre counts as inside is decided by Skia's 1/64-px vertex snapping,
// one way in one render and the other way in the other (measured: anti-aliased alpha 100–230 in both
// renders at such pixels; and an M4 segment from a spike to the column's last point running 0.001 px
// inside the next column's pixel centres, 45 % covered, where the raw zigzag covers 23 %).

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

/** One render's ink (chart-harness.ts `inkOfSeries`). */
export interface SeriesInk {
  aa: InkExtents;
  /** Centre inside the stroke (anti-aliasing off), whatever the coverage. */
  centre: InkExtents;
  core: InkExtents;
  partial: InkExtents;
}

export interface InkRun {
  rawPoints: number;
  m4Points: number;
  raw: SeriesInk;
  m4: SeriesInk;
  data: DataExtents;
}

export interface InkComparison {
  /** Columns holding data points that belong to a drawn segment. */
  checked: number;
  /** Columns where the render's ink (alpha > 0) does not reach the data's extreme within 1 px. */
  rawMisses: string[];
  m4Misses: string[];
  /** The property: columns where one render's core ink lies outside the other's partial ink by > 1 px. */
  inkDiffer: string[];
  /** Recorded: columns where the aliased (centre-inside) extents differ by > 1 px (half-covered pixels decided differently). */
  coreDiffer: string[];
  /** Recorded: columns where any-alpha extents differ by > 1 px (the stroke's sideways anti-aliasing fringe). */
  aaDiffer: string[];
}

const TOLERANCE_PX = 1;

function misses(ink: InkExtents, data: DataExtents, x: number): boolean {
  const top = data.top[x]!;
  const bottom = data.bottom[x]!;
  // A 1-px stroke through row y (fractional) inks rows floor(y ± 0.5): within 1 px of floor(y).
  return ink.top[x]! < 0 || ink.top[x]! > Math.floor(top) + TOLERANCE_PX || ink.bottom[x]! < Math.floor(bottom) - TOLERANCE_PX;
}

/** Whether `a`'s ink in column x lies within `b`'s ink in the same column, within 1 px. */
function within(a: InkExtents, b: InkExtents, x: number): boolean {
  if (a.top[x]! < 0) return true;
  if (b.top[x]! < 0) return false;
  return a.top[x]! >= b.top[x]! - TOLERANCE_PX && a.bottom[x]! <= b.bottom[x]! + TOLERANCE_PX;
}

function equal(a: InkExtents, b: InkExtents, x: number): boolean {
  if (a.top[x]! < 0 || b.top[x]! < 0) return a.top[x]! < 0 && b.top[x]! < 0;
  return Math.abs(a.top[x]! - b.top[x]!) <= TOLERANCE_PX && Math.abs(a.bottom[x]! - b.bottom[x]!) <= TOLERANCE_PX;
}

const show = (ink: InkExtents, x: number) => (ink.top[x]! < 0 ? "none" : `${ink.top[x]}..${ink.bottom[x]}`);

/** Compares the raw and the M4 render of one series column by column. */
export function compareInk({ raw, m4, data }: InkRun): InkComparison {
  const out: InkComparison = { checked: 0, rawMisses: [], m4Misses: [], inkDiffer: [], coreDiffer: [], aaDiffer: [] };
  for (let x = 0; x < raw.core.top.length; x++) {
    const where = () =>
      `x=${x}: data ${data.top[x]!.toFixed(1)}..${data.bottom[x]!.toFixed(1)}, raw core ${show(raw.core, x)} partial ${show(raw.partial, x)} aa ${show(raw.aa, x)}, m4 core ${show(m4.core, x)} partial ${show(m4.partial, x)} aa ${show(m4.aa, x)}`;
    if (data.top[x]! <= data.bottom[x]!) {
      out.checked++;
      if (misses(raw.aa, data, x)) out.rawMisses.push(where());
      if (misses(m4.aa, data, x)) out.m4Misses.push(where());
    }
    if (!within(m4.core, raw.partial, x) || !within(raw.core, m4.partial, x)) out.inkDiffer.push(where());
    if (!equal(raw.centre, m4.centre, x)) out.coreDiffer.push(where());
    if (!equal(raw.aa, m4.aa, x)) out.aaDiffer.push(where());
  }
  return out;
}
