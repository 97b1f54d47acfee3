"use client";

import { useMemo, useState } from "react";
import { createPortal } from "react-dom";
import type { Panel } from "@/lib/dashboards/schema";
import type { PanelDataState } from "@/lib/dashboards/use-panel-data";
import { panelDataToCsv } from "@/lib/panels/csv";

export interface InspectDrawerProps {
  panel: Panel;
  title: string;
  state: PanelDataState;
  onClose: () => void;
}

const TABS = ["Data", "Query", "Panel JSON", "Response JSON"] as const;
type Tab = (typeof TABS)[number];

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

const fileName = (title: string) => title.replace(/[^\w.-]+/g, "_").slice(0, 60) || "panel";

/** Grafana's panel inspector: the data (CSV download), the exact queries with step and timing, and raw JSON. */
export function InspectDrawer({ panel, title, state, onClose }: InspectDrawerProps) {
  const [tab, setTab] = useState<Tab>("Data");
  const csv = useMemo(() => panelDataToCsv(state.data), [state.data]);
  const rows = csv.trimEnd().split("\r\n").length - 1;
  // A portal: grid items are CSS-transformed and clip their content, which would trap a fixed drawer.
  return createPortal(
    <div role="dialog" aria-label={`Inspect: ${title}`} className="fixed inset-y-0 right-0 z-40 flex w-[min(48rem,95vw)] flex-col border-l border-slate-300 bg-white p-3 shadow-xl dark:border-slate-700 dark:bg-slate-900">
      <div className="mb-2 flex items-center gap-2">
        <h2 className="mr-auto font-semibold">Inspect: {title}</h2>
        <button type="button" onClick={onClose} className="rounded border px-2 py-0.5 text-sm">
          Close
        </button>
      </div>
      <div role="tablist" className="mb-2 flex gap-2 border-b border-slate-200 text-sm dark:border-slate-700">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)} className={`px-2 py-1 ${tab === t ? "border-b-2 border-blue-600 font-medium" : ""}`}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="min-h-0 flex-1 overflow-auto text-xs">
        {tab === "Data" && (
          <>
            <p className="mb-2">
              {state.data.series.length} series, {state.data.instant.length} instant values, {rows} rows.{" "}
              <button type="button" className="text-blue-700 underline dark:text-blue-400" onClick={() => download(`${fileName(title)}.csv`, "text/csv", csv)}>
                Download CSV
              </button>
            </p>
            <pre className="whitespace-pre">{csv.split("\r\n").slice(0, 501).join("\n")}</pre>
          </>
        )}
        {tab === "Query" &&
          state.results.map(({ query: q, response, error }) => (
            <dl key={q.refId} className="mb-3 grid grid-cols-[8rem_1fr] gap-x-2 gap-y-0.5">
              <dt>Query {q.refId}</dt>
              <dd className="font-mono break-all">{q.expr}</dd>
              <dt>Endpoint</dt>
              <dd className="font-mono">{`/api/ds/${q.datasource}/api/v1/${q.instant ? "query" : "query_range"}`}</dd>
              <dt>{q.instant ? "Time" : "Range"}</dt>
              <dd>{q.instant ? new Date(q.endS * 1000).toISOString() : `${new Date(q.startS * 1000).toISOString()} → ${new Date(q.endS * 1000).toISOString()}`}</dd>
              {!q.instant && (
                <>
                  <dt>Step</dt>
                  <dd>{`${q.stepS}s ($__interval ${q.intervalMs / 1000}s, $__rate_interval ${q.rateIntervalMs / 1000}s)`}</dd>
                </>
              )}
              <dt>Timing</dt>
              <dd>
                {response?.timing
                  ? `${response.timing.totalMs.toFixed(1)} ms total${response.timing.upstreamMs === undefined ? "" : `, ${response.timing.upstreamMs.toFixed(1)} ms upstream`}, ${response.timing.bytes} bytes`
                  : error ? `failed: ${error}` : "not run yet"}
              </dd>
            </dl>
          ))}
        {tab === "Panel JSON" && <pre className="whitespace-pre-wrap">{JSON.stringify(panel, null, 2)}</pre>}
        {tab === "Response JSON" && (
          <pre className="whitespace-pre-wrap">{JSON.stringify(state.results.map((r) => ({ refId: r.query.refId, data: r.response?.data, warnings: r.response?.warnings, error: r.error })), null, 2).slice(0, 200_000)}</pre>
        )}
      </div>
    </div>,
    document.body,
  );
}
