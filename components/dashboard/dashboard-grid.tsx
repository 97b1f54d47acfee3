"use client";

import { useMemo, type ReactNode } from "react";
import ReactGridLayout, { useContainerWidth, verticalCompactor, type Layout } from "react-grid-layout";
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

/** Lays out panels and rows on the 24-column grid, compacted upwards as in Grafana. */
export function DashboardGrid({ items, renderItem, editable = false, onLayoutChange }: DashboardGridProps) {
  const { width, containerRef, mounted } = useContainerWidth();
  const layout = useMemo<Layout>(
    () => items.map((item) => ({ i: item.key, ...item.gridPos, ...(item.kind === "row" ? { isResizable: false, h: 1 } : {}) })),
    [items],
  );
  return (
    <div ref={containerRef}>
      {mounted && (
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
