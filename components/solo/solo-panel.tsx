"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { devicePixelRatioNow, samePlotArea, type PlotArea } from "@/lib/charts/pixel-grid";
import type { Panel } from "@/lib/dashboards/schema";
import { pickRefresh, refreshIntervalMs } from "@/lib/dashboards/refresh";
import { startSoloPoll, type SoloPollState } from "@/lib/embed/solo-poll";
import type { SoloPanelResponse } from "@/lib/embed/solo-schema";
import { soloQueryPath, type SoloPageParams } from "@/lib/embed/solo-url";
import { decodeFrame, isFrame } from "@/lib/promql/frames/columns";
import type { Frame } from "@/lib/promql/frames/schema";
import { buildPanelData, EMPTY_PANEL_DATA, type PanelData } from "@/lib/panels/panel-data";
import { PanelErrorBoundary } from "@/components/dashboard/panel-error-boundary";
import { useElementSize } from "@/components/dashboard/use-element-size";
import { useThemeOverride } from "@/components/dashboard/use-theme-override";
import { isSoloPanelType, preloadSoloPanel, SoloPanelView } from "./solo-panel-view";
import { readSoloResponse } from "./solo-response";

export type SoloPanelProps = SoloPageParams & { uid: string };

/** The solo page's API failure, with the server's message (401/403 of a bad or revoked token, 404, ...). */
export class SoloError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// Header of lib/auth/session.ts EMBED_TOKEN_HEADER (that module is server-only).
const EMBED_TOKEN_HEADER = "x-orrery-embed-token";

async function fetchSolo(path: string, token: string | undefined, signal: AbortSignal): Promise<SoloPanelResponse> {
  const res = await fetch(path, { signal, headers: token ? { [EMBED_TOKEN_HEADER]: token } : {}, credentials: "same-origin" });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new SoloError(res.status, typeof err?.code === "string" ? err.code : "error", typeof err?.message === "string" ? err.message : `HTTP ${res.status}`);
  }
  return readSoloResponse(body);
}

/** The answer's targets as the panel's data: Prometheus's data, or the frame of the server's M4 for the chart. */
function panelDataOf(result: SoloPanelResponse | undefined): PanelData {
  if (!result) return EMPTY_PANEL_DATA;
  return buildPanelData(
    result.targets.flatMap((t) =>
      "data" in t ? [{ refId: t.refId, legendFormat: t.legendFormat, data: isFrame(t.data) ? decodeFrame(t.data as Frame) : (t.data as Exclude<typeof t.data, Frame>), stepMs: t.instant ? undefined : t.stepS * 1000 }] : [],
    ),
  );
}

function failureText(err: Error): string {
  if (err instanceof SoloError && (err.status === 401 || err.status === 403) && err.code.startsWith("embed_token_")) {
    return `This embedded panel cannot be shown: ${err.message}.`;
  }
  return err.message;
}

/**
 * Polls the panel's answer for `path` into `setState` while enabled (lib/embed/solo-poll.ts): a new
 * path fetches at once, the previous answer staying on screen until the new one arrives.
 */
function useSoloPoll(path: string, token: string | undefined, enabled: boolean, refreshMs: number | null, setState: Dispatch<SetStateAction<SoloPollState<SoloPanelResponse>>>): void {
  useEffect(() => {
    if (!enabled) return;
    const stop = startSoloPoll({ fetch: (signal) => fetchSolo(path, token, signal), refreshMs, update: (patch) => setState((s) => ({ ...s, ...patch })) });
    return () => {
      stop();
      setState((s) => (s.fetching ? { ...s, fetching: false } : s));
    };
  }, [path, token, enabled, refreshMs, setState]);
}

/**
 * One panel alone, filling the window (an iframe): its data comes from the server-side resolver
 * (`/api/d-solo/<uid>/panels/<id>/query`, the embed token in a header), never from PromQL the page
 * builds. Refresh from the URL (at least the server minimum); any failure shows a message and no chart.
 */
export function SoloPanel(props: SoloPanelProps) {
  useThemeOverride(props.theme);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(bodyRef);
  // Re-plan (and re-query) only per 100 px of width: the step barely changes below that.
  const widthBucket = Math.max(100, Math.ceil(width / 100) * 100);
  const pick = pickRefresh(props.refresh);
  const refreshMs = pick.refresh ? refreshIntervalMs(pick.refresh) : null;
  // Where the chart drew its x axis, once it has: sent (when the server reduces this panel's lines
  // with M4) so the server's buckets are the chart's own device-pixel columns. Part of the key: a
  // resize re-queries when the plot area moves, keeping the answer in hand on screen meanwhile.
  const [plot, setPlot] = useState<PlotArea | undefined>(undefined);
  const onPlotArea = useCallback((next: PlotArea) => setPlot((p) => (samePlotArea(p, next) ? p : next)), []);
  const [query, setQuery] = useState<SoloPollState<SoloPanelResponse>>({ fetching: false });
  // The server says whether it reduces this panel for a plot area (a time series of plain lines).
  const m4 = query.data?.m4 === true;
  const path = soloQueryPath(props.uid, props, widthBucket, m4 && plot ? { ...plot, pixelRatio: devicePixelRatioNow() } : undefined);
  useSoloPoll(path, props.token, width > 0 && props.panelId !== null, refreshMs, setQuery);
  const result = query.data;
  const data = useMemo(() => panelDataOf(result), [result]);
  const targetError = result?.error ?? result?.targets.map((t) => ("error" in t ? `${result.targets.length > 1 ? `${t.refId}: ` : ""}${t.error}` : "")).find(Boolean);
  const warnings = result ? [...new Set(result.targets.flatMap((t) => ("warnings" in t ? t.warnings : [])))] : [];
  // The server parsed the stored panel with the dashboard schema; the page keeps zod (full) out of its bundle.
  const panel = result?.panel as unknown as Panel | undefined;
  const panelType = panel?.type;
  // The type's component and ECharts download in parallel as soon as the answer names the type.
  useEffect(() => {
    if (panelType && isSoloPanelType(panelType)) preloadSoloPanel(panelType);
  }, [panelType]);
  const error = props.panelId === null ? "The URL names no panel (panelId)." : query.error ? failureText(query.error) : targetError;

  return (
    <main className="flex h-screen w-screen flex-col overflow-hidden bg-white dark:bg-slate-900" data-testid="solo-panel">
      <header className="flex h-7 shrink-0 items-center gap-2 px-2 text-sm">
        <h1 className="min-w-0 flex-1 truncate font-medium">{result?.title ?? ""}</h1>
        {query.fetching && <span role="status" aria-label="Loading" className="size-3 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600" />}
        {warnings.length > 0 && (
          <span className="cursor-help text-amber-600" title={warnings.join("\n")} aria-label={`Warnings: ${warnings.join("; ")}`}>
            ⚠
          </span>
        )}
      </header>
      <div ref={bodyRef} className="relative min-h-0 flex-1">
        {error ? (
          <p role="alert" className="absolute inset-0 overflow-auto p-3 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : panel && result && width > 0 && height > 0 ? (
          isSoloPanelType(panel.type) ? (
            <PanelErrorBoundary resetKey={`${result.dashboard.version}|${panel.id}`}>
              <SoloPanelView panel={panel} data={data} width={width} height={height} timeRange={result.range} timezone={result.timezone} onPlotArea={onPlotArea} />
            </PanelErrorBoundary>
          ) : (
            <p role="alert" className="p-3 text-sm text-slate-600">Knative concurrency panels build their own queries and cannot be embedded yet.</p>
          )
        ) : null}
      </div>
    </main>
  );
}
