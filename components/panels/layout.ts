/** A grid of equal cells for several values in one panel (stat, gauge). */
export interface GridLayout {
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
}

/**
 * Picks the column count that gives the largest cells, favouring cells about `aspect` times as
 * wide as they are high (a number reads best wide, a gauge square).
 */
export function gridLayout(count: number, width: number, height: number, aspect = 2.5): GridLayout {
  const n = Math.max(1, count);
  let best: GridLayout = { columns: 1, rows: n, cellWidth: width, cellHeight: height / n };
  let bestScore = -1;
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = width / columns;
    const cellHeight = height / rows;
    const score = Math.min(cellWidth, cellHeight * aspect);
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = { columns, rows, cellWidth, cellHeight };
    }
  }
  return best;
}

/**
 * A font size that fits `chars` characters of a number into a box: limited by the box's height
 * share and by its width at about 0.6 em per character.
 */
export function fitFontSize(chars: number, boxWidth: number, boxHeight: number, { min = 10, max = 160 } = {}): number {
  const byWidth = boxWidth / (Math.max(1, chars) * 0.6);
  return Math.round(Math.max(min, Math.min(max, boxHeight, byWidth)));
}
