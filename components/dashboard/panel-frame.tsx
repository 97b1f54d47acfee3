"use client";

import { useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { Panel } from "@/lib/dashboards/schema";
import { planPanelQueries } from "@/lib/dashboards/panel-queries";
import type { QueryClient } from "@tanstack/react-query";
import { panelQueryOptions, startPanelQueries, usePanelData } from "@/lib/dashboards/use-panel-data";
import { interpolate } from "@/lib/dashboards/variables/interpolate";
import type { VariableScope } from "@/lib/dashboards/variables/types";
import type { DatasourceInfo } from "@/lib/promql/types";
import type { ShareContext } from "@/lib/share/share-url";
import { PanelView } from "@/components/panels/panel-view";
import { ShareDialog } from "@/components/share/share-dialog";
import { framesWidthFor } from "@/lib/promql/batch/forms";
import { bodyBoxIn, itemNearViewport } from "@/lib/dashboards/viewport";
import { drawsM4, type PlotArea } from "@/components/panels/time-series/decimate";
import { chartGrid, devicePixelRatioNow } from "@/lib/charts/pixel-grid";
import { PanelErrorBoundary } from "./panel-error-boundary";
import { InspectDrawer } from "./inspect/inspect-drawer";
import { PanelMenu, type PanelEditActions } from "./panel-menu";
import { GridItemBoxContext, type GridItemBox } from "./grid-item-box";
import { useElementSize, useSeenOnce } from "./use-element-size";

export interface PanelFrameProps {
  panel: Panel;
  scope: VariableScope;
  datasources: readonly DatasourceInfo[];
  range: { startMs: number; endMs: number };
  timezone: string;
  utcOffsetSec: number;
  onTimeRangeChange: (startMs: number, endMs: number) => void;
  onView: () => void;
  /** Set when this panel is shown alone (viewPanel). */
  viewing?: boolean;
  /** Edit mode: the title becomes a drag handle and the menu offers edit actions. */
  edit?: PanelEditActions;
  /** The dashboard's part of the share dialog's context; absent hides "Share" (unsaved dashboards). */
  share?: Omit<ShareContext, "panel">;
}

/**
 * One panel: its own queries, loading state, error and warnings, and an error boundary, so a
 * failure stays here. Panels below the fold query once they scroll into view.
 */
export function PanelFrame({ panel, scope, datasources, range, timezone, utcOffsetSec, onTimeRangeChange, onView, viewing, edit, share }: PanelFrameProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLElement>(null);
  // In a dashboard's grid, the first render knows the panel's box: it plans its queries at once.
  const gridBox = useContext(GridItemBoxContext);
  const { width, height } = useElementSize(bodyRef, gridBox && bodyBoxIn(gridBox));
  const seen = useSeenOnce(frameRef, gridBox !== null && typeof window !== "undefined" && itemNearViewport(gridBox, window.innerWidth, window.innerHeight));
  const plan = useMemo(
    () => planFor({ panel, scope, datasources, range, utcOffsetSec }, width),
    // Re-planning on resize is cheap; the step's rounding ladder keeps the query keys (and so
    // the cached results) the same for most width changes.
    [panel, scope, datasources, range, width, utcOffsetSec],
  );
  const queries = plan.ok ? plan.queries : [];
  const framesWidth = framesWidthOf(panel, width);
  // Once the chart has drawn, the server's M4 buckets are its own device-pixel columns (exact after a
  // second M4 in the chart); until then, `framesWidth` columns over the query's range.
  const plotRef = useRef<PlotArea | undefined>(undefined);
  const onPlotArea = useCallback((plot: PlotArea) => {
    plotRef.current = plot;
  }, []);
  const framesGrid = useCallback(
    () => chartGrid(range.startMs, range.endMs, plotRef.current),
    [range.startMs, range.endMs],
  );
  const state = usePanelData(queries, seen && width > 0, framesWidth, framesGrid);
  // ECharts (and the toolbox behind drag-to-zoom) load and evaluate while the queries run, not after the answer.
  const chartType = CANVAS_PANELS.has(panel.type);
  useEffect(() => {
    if (state.loading && chartType) preloadDashboardCharts();
  }, [state.loading, chartType]);
  // How often this panel has committed, on its section (e2e/page-load.spec.ts: an answer re-renders
  // the panels it belongs to, not the whole dashboard). No dependencies: after every commit.
  useEffect(() => {
    const el = frameRef.current;
    if (el) el.dataset.panelCommits = String(Number(el.dataset.panelCommits ?? 0) + 1);
  });
  const title = interpolate(panel.title, scope, { format: "raw" });
  const error = plan.ok ? state.error : plan.error;
  const [inspecting, setInspecting] = useState(false);
  const [sharing, setSharing] = useState(false);
  const downloadPng = CANVAS_PANELS.has(panel.type) ? () => downloadCanvas(frameRef.current, title) : undefined;

  return (
    <section ref={frameRef} aria-label={title || `Panel ${panel.id}`} data-panel-id={panel.id} className="flex h-full flex-col overflow-hidden rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <header className="flex h-8 shrink-0 items-center gap-2 px-2 text-sm">
        <h2 className={`panel-drag-handle min-w-0 flex-1 truncate font-medium ${edit ? "cursor-move" : "cursor-default"}`} title={panel.description || undefined}>
          {title}
        </h2>
        {state.loading && <span role="status" aria-label="Loading" className="size-3 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600" />}
        {state.warnings.length > 0 && (
          <span className="cursor-help text-amber-600" title={state.warnings.join("\n")} aria-label={`Warnings: ${state.warnings.join("; ")}`}>
            ⚠
          </span>
        )}
        <PanelMenu panelId={panel.id} viewing={viewing} onView={onView} onShare={share ? () => setSharing(true) : undefined} onInspect={() => setInspecting(true)} onDownloadPng={downloadPng} edit={edit} />
      </header>
      <div ref={bodyRef} className="relative min-h-0 flex-1">
        {error ? (
          <p role="alert" className="absolute inset-0 overflow-auto p-3 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : !seen || (state.loading && state.data.series.length + state.data.instant.length === 0 && queries.length > 0) ? null : (
          width > 0 &&
          height > 0 && (
            <PanelErrorBoundary resetKey={`${JSON.stringify(panel)}|${queries.map((q) => q.expr).join("|")}`}>
              <PanelView panel={panel} data={state.data} width={width} height={height} timeRange={range} onTimeRangeChange={onTimeRangeChange} timezone={timezone} syncGroup="dashboard" scope={scope} datasources={datasources} onPlotArea={onPlotArea} />
            </PanelErrorBoundary>
          )
        )}
      </div>
      {sharing && share && <ShareDialog context={{ ...share, panel: { id: panel.id, title: title || `Panel ${panel.id}` } }} onClose={() => setSharing(false)} />}
      {inspecting && <InspectDrawer panel={panel} title={title || `Panel ${panel.id}`} state={state} onClose={() => setInspecting(false)} />}
    </section>
  );
}

const CANVAS_PANELS = new Set(["timeseries", "gauge", "heatmap"]);

type PlanContext = Pick<PanelFrameProps, "panel" | "scope" | "datasources" | "range" | "utcOffsetSec">;

/** A panel's queries at a body `width` (CSS px); none before it has one. */
function planFor(c: PlanContext, width: number) {
  return width > 0 ? planPanelQueries({ ...c, widthPx: width }) : { ok: true as const, queries: [] };
}

/** Time series lines get server-side M4 for the panel's pixel width (the wire then carries ≤ 4 points per column). */
function framesWidthOf(panel: Panel, width: number): number | undefined {
  return panel.type === "timeseries" && drawsM4(panel.options) && width > 0 ? framesWidthFor(width, devicePixelRatioNow()) : undefined;
}

/**
 * Starts the queries of a dashboard's panels on screen from the boxes the grid will give them,
 * before they mount: exactly the requests each PanelFrame would start in the commit that mounts it
 * (same plan, same React Query keys, so their observers join these), but from the grid's first
 * measurement, not after React has rendered every panel. Panels off screen wait to be scrolled to.
 */
export function startGridPanelQueries(client: QueryClient, panels: ReadonlyArray<Omit<PlanContext, "datasources" | "range" | "utcOffsetSec"> & { box: GridItemBox }>, c: Pick<PlanContext, "datasources" | "range" | "utcOffsetSec">): void {
  for (const { panel, scope, box } of panels) {
    if (!itemNearViewport(box, window.innerWidth, window.innerHeight)) continue;
    const { width } = bodyBoxIn(box);
    const plan = planFor({ panel, scope, ...c }, width);
    // Before the chart has drawn, its frames are reduced over `framesWidth` columns (no plot area yet).
    if (plan.ok) startPanelQueries(client, panelQueryOptions(plan.queries, true, framesWidthOf(panel, width)));
  }
}


/** Dashboard charts offer drag-to-zoom, drawn by ECharts' toolbox, and a shared tooltip (both on-demand modules): loads them and ECharts. */
export function preloadDashboardCharts() {
  import("@/components/charts/echart").then((m) => m.preloadEChartsModules(["toolbox", "tooltip"])).catch(() => undefined);
}

// ECharts draws on one canvas per chart; its bitmap is the panel's picture.
function downloadCanvas(frame: HTMLElement | null, title: string) {
  const canvas = frame?.querySelector("canvas");
  if (!canvas) return;
  const a = Object.assign(document.createElement("a"), { href: canvas.toDataURL("image/png"), download: `${title.replace(/[^\w.-]+/g, "_") || "panel"}.png` });
  a.click();
}
