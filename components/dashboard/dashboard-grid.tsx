"use client";

import { startTransition, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import ReactGridLayout, { verticalCompactor, type Layout } from "react-grid-layout";
import "react-grid-layout/css/styles.css";
import type { LayoutItem } from "@/lib/dashboards/layout";
import { GRID_MARGIN, gridLayoutOf, layoutBoxes, ROW_HEIGHT_PX, type GridBox } from "@/lib/dashboards/grid-geometry";
import { GRID_COLUMNS } from "@/lib/dashboards/schema/constants";
import { GridItemBoxContext } from "./grid-item-box";

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
  const layout = useMemo<Layout>(() => gridLayoutOf(items), [items]);
  const boxes = useMemo(() => layoutBoxes(layout, { width, top }), [layout, width, top]);
  return (
    <div ref={containerRef}>
      {width > 0 && (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT_PX, margin: GRID_MARGIN, containerPadding: [0, 0] }}
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
