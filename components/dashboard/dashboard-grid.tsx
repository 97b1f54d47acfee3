"use client";

import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import ReactGridLayout, { verticalCompactor, type Layout } from "react-grid-layout";
import "react-grid-layout/css/styles.css";
import type { LayoutItem } from "@/lib/dashboards/layout";
import { GRID_COLUMNS } from "@/lib/dashboards/schema";

/** Grafana's grid: 24 columns, 30 px rows, 8 px gaps. */
export const ROW_HEIGHT_PX = 30;
const MARGIN: readonly [number, number] = [8, 8];

export interface DashboardGridProps {
  items: readonly LayoutItem[];
  renderItem: (item: LayoutItem) => ReactNode;
  /** Editing: panels can be dragged by their title and resized; the new layout is reported. */
  editable?: boolean;
  onLayoutChange?: (layout: Layout) => void;
}

/**
 * The container's width in CSS px, null until measured. Measured in a layout effect, so the grid's
 * panels mount at their final size in the same task as the page's hydration (their own layout
 * effects then read it and start their queries); a ResizeObserver follows later changes.
 */
function useGridWidth() {
  const containerRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const set = (w: number) => setWidth((prev) => (prev === Math.round(w) ? prev : Math.round(w)));
    set(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => set(entry!.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { containerRef, width };
}

/**
 * Lays out panels and rows on the 24-column grid, compacted upwards as in Grafana. The panels are
 * rendered on the client only, once the grid's width is known: laid out at a guessed width on the
 * server, each would first measure (and plan its queries for) a size it does not keep.
 */
export function DashboardGrid({ items, renderItem, editable = false, onLayoutChange }: DashboardGridProps) {
  const { width, containerRef } = useGridWidth();
  const layout = useMemo<Layout>(
    () => items.map((item) => ({ i: item.key, ...item.gridPos, ...(item.kind === "row" ? { isResizable: false, h: 1 } : {}) })),
    [items],
  );
  return (
    <div ref={containerRef}>
      {width !== null && width > 0 && (
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
            <div key={item.key}>{renderItem(item)}</div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  );
}
