// Where a dashboard's panels are relative to the window: no dependencies, so the embed page's
// bundle (which measures its one panel with components/dashboard/use-element-size.ts) stays small.

/**
 * Where the grid will lay an item out: its box in CSS px and its top relative to the viewport as the
 * grid was measured.
 */
export interface GridItemBox {
  width: number;
  height: number;
  viewportTop: number;
}

// The panel's frame: a 1 px border around a 32 px header (h-8) and the body, which gets the rest.
const FRAME_BORDER_PX = 1;
const HEADER_PX = 32;

/** The body's size inside a grid item's box (the frame's CSS; its own measurement corrects a mismatch). */
export function bodyBoxIn(item: { width: number; height: number }): { width: number; height: number } {
  return { width: Math.max(0, item.width - 2 * FRAME_BORDER_PX), height: Math.max(0, item.height - 2 * FRAME_BORDER_PX - HEADER_PX) };
}

/** How far outside the viewport an element still counts as seen (panels just below the fold query too). */
export const SEEN_MARGIN_PX = 200;

/** Whether `box` lies within `margin` px of a `width` × `height` viewport. */
export function nearViewport(box: { top: number; bottom: number; left: number; right: number }, width: number, height: number, margin = SEEN_MARGIN_PX): boolean {
  return box.bottom >= -margin && box.top <= height + margin && box.right >= -margin && box.left <= width + margin;
}

/** Whether a grid item is near a `width` × `height` viewport (only its vertical extent counts: the grid is as wide as the page). */
export function itemNearViewport(box: GridItemBox, width: number, height: number): boolean {
  return nearViewport({ top: box.viewportTop, bottom: box.viewportTop + box.height, left: 0, right: 0 }, width, height);
}
