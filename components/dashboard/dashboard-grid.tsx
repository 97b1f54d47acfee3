"use client";

import { startTransition, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import ReactGridLayout, { verticalCompactor, type Layout } from "react-grid-layout";
import { calcGridItemPosition } from "react-grid-layout/core";
import "react-grid-layout/css/styles.css";
import type { LayoutItem } from "@/lib/dashboards/layout";
import { GRID_COLUMNS } from "@/lib/dashboards/schema/constants";
import { GridItemBoxContext, type GridItemBox } from "./grid-item-box";

/** Grafana's grid: 24 columns, 30 px rows, 8 px gaps. */
export const ROW_HEIGHT_PX = 30;
const MARGIN: readonly [number, number] = [8, 8];


/** The grid container's width (CSS px) and its top relative to the viewport. */
export interface GridBox {
  width: number;
  top: number;
}

/** The grid's layout of `items` (rows one unit high, not resizable). */
function layoutOf(items: readonly LayoutItem[]): Layout {
  return items.map((item) => ({ i: item.key, ...item.gridPos, ...(item.kind === "row" ? { isResizable: false, h: 1 } : {}) }));
}

/** Where each item of `layout` goes in a grid of `box` (keyed by item key), as the grid will lay it out. */
function itemBoxes(layout: Layout, box: GridBox): Map<string, GridItemBox> {
  const params = { cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT_PX, margin: MARGIN, containerPadding: [0, 0] as const, containerWidth: box.width, maxRows: Infinity };
  return new Map(
    layout.map((l) => {
      // Before compaction: an item may end up higher, never lower (a panel counted off screen measures itself).
      const p = calcGridItemPosition(params, l.x, l.y, l.w, l.h);
      return [l.i, { width: p.width, height: p.height, viewportTop: box.top + p.top }];
    }),
  );
}

/** Each item's box in a grid of `box`, keyed by item key: what the grid gives its panels (GridItemBoxContext). */
export function gridItemBoxes(items: readonly LayoutItem[], box: GridBox): Map<string, GridItemBox> {
  return itemBoxes(layoutOf(items), box);
}

export interface DashboardGridProps {
  items: readonly LayoutItem[];
  renderItem: (item: LayoutItem) => ReactNode;
  /** Editing: panels can be dragged by their title and resized; the new layout is reported. */
  editable?: boolean;
  onLayoutChange?: (layout: Layout) => void;
  /**
   * Called once the container is first measured, in the commit that mounts the grid, before the
   * panels mount (they do in a transition): e.g. to start the panels' queries from the boxes they will get.
   */
  onMeasured?: (box: GridBox) => void;
}

/**
 * The container's width (CSS px) and viewport top, null until measured. Measured in a layout effect
 * (no frame waits for an observer's first report); the panels then mount in a transition, which
 * React renders in slices that yield to the browser, not in one long task. A ResizeObserver follows
 * later changes.
 */
function useGridBox(onMeasured?: (box: GridBox) => void) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<GridBox | null>(null);
  const measured = useRef(onMeasured);
  useLayoutEffect(() => {
    measured.current = onMeasured;
  });
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const set = (w: number) =>
      startTransition(() => setBox((prev) => (prev?.width === Math.round(w) ? prev : { width: Math.round(w), top: prev?.top ?? el.getBoundingClientRect().top })));
    measured.current?.({ width: Math.round(el.clientWidth), top: el.getBoundingClientRect().top });
    set(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => set(entry!.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { containerRef, box };
}

/**
 * Lays out panels and rows on the 24-column grid, compacted upwards as in Grafana. The panels are
 * rendered on the client only, once the grid's width is known: laid out at a guessed width on the
 * server, each would first measure (and plan its queries for) a size it does not keep.
 */
export function DashboardGrid({ items, renderItem, editable = false, onLayoutChange, onMeasured }: DashboardGridProps) {
  const { box, containerRef } = useGridBox(onMeasured);
  const width = box?.width ?? 0;
  const top = box?.top ?? 0;
  const layout = useMemo<Layout>(() => layoutOf(items), [items]);
  const boxes = useMemo(() => itemBoxes(layout, { width, top }), [layout, width, top]);
  return (
    <div ref={containerRef}>
      {width > 0 && (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT_PX, margin: MARGIN, containerPadding: [0, 0] }}
          dragConfig={{ enabled: editable, handle: ".panel-drag-handle" }}
          resizeConfig={{ enabled: editable }}
          compactor={verticalCompactor}
          onLayoutChange={onLayoutChange}
        >
          {items.map((item) => (
            <div key={item.key}>
              <GridItemBoxContext value={boxes.get(item.key) ?? null}>{renderItem(item)}</GridItemBoxContext>
            </div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  );
}
