"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { useQueryClient } from "@tanstack/react-query";
import { chooseDatasource } from "@/lib/explore/datasource";
import { minStepForScrapeInterval, resolveRun } from "@/lib/explore/run";
import type { ExploreState, ExploreTab } from "@/lib/explore/url-state";
import { datasourceBaseUrl } from "@/lib/promql/api";
import { cancelPromqlInFlight } from "@/lib/promql/cancel-on-leave";
import { useDatasources } from "@/lib/promql/hooks";
import { promqlKeys } from "@/lib/promql/keys";
import { formatIsoSeconds } from "@/lib/time/format";
import { isRelativeRange, type RawTimeRange } from "@/lib/time/range";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { DatasourcePicker } from "./datasource-picker";
import { GraphView } from "./graph-view";
import { StepInput } from "./step-input";
import { TableView } from "./table-view";
import { TimeRangePicker } from "@/components/time/time-range-picker";
import { useExploreUrlState } from "./use-explore-url-state";
import { useRunSnapshot } from "./use-run-snapshot";

// CodeMirror and ECharts are most of this page's JavaScript; loading them separately lets the
// page hydrate and fetch the datasources while they download.
const PromQLEditor = dynamic(() => import("@/components/promql-editor/promql-editor").then((m) => m.PromQLEditor), {
  ssr: false,
  loading: () => <div aria-hidden="true" className="h-10 min-w-0 flex-1 rounded-md border border-slate-300 dark:border-slate-700" />,
});

const TABS = [
  { value: "graph", label: "Graph" },
  { value: "table", label: "Table" },
] as const satisfies ReadonlyArray<{ value: ExploreTab; label: string }>;

/** The Explore page: one PromQL query against one datasource, as a graph or a table. */
export function Explore() {
  const { state, setState, generation } = useExploreUrlState();
  // A navigation we did not make (e.g. the header's Explore link) starts afresh.
  return <ExploreWorkspace key={generation} state={state} onStateChange={setState} />;
}

export interface ExploreWorkspaceProps {
  state: ExploreState;
  onStateChange: (next: ExploreState) => void;
}

export function ExploreWorkspace({ state, onStateChange }: ExploreWorkspaceProps) {
  const datasources = useDatasources();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(state.expr);
  const resultsRef = useRef<HTMLDivElement>(null);
  const [snapshot, rerun] = useRunSnapshot(resultsRef);

  const choice = chooseDatasource(datasources.data ?? [], state.datasource);
  const datasource = choice.datasource;
  const minStepS = minStepForScrapeInterval(datasource?.scrapeInterval);
  const run = useMemo(
    () => (snapshot && datasource ? resolveRun(state, datasource.id, snapshot, minStepS) : null),
    [snapshot, datasource, state, minStepS],
  );
  const resolved = run?.ok ? run : null;

  // A new run makes the previous one's queries obsolete: cancelled at once (not when the page has
  // re-rendered); any whose key survives the run is fetched again after that render.
  const resume = useRef<(() => void) | null>(null);
  useEffect(() => {
    resume.current?.();
    resume.current = null;
  }, [snapshot, state]);
  const update = (patch: Partial<ExploreState>, rerunNow = true) => {
    if (rerunNow) {
      resume.current?.();
      resume.current = cancelPromqlInFlight(queryClient);
    }
    onStateChange({ ...state, ...patch });
    // Each run pins the clock again, so "now-1h" moves forward and the query keys change.
    if (rerunNow) rerun();
  };
  const runQuery = (text: string) => {
    const expr = text.trim() === "" ? "" : text;
    update({ expr });
    // Same expression over a fixed range: the keys do not change, so ask for fresh answers.
    if (datasource && expr === state.expr && !isRelativeRange(state.range)) {
      void queryClient.invalidateQueries({ queryKey: promqlKeys.datasource(datasource.id) });
    }
  };
  const onZoom = (startMs: number, endMs: number) => {
    const range = { from: formatIsoSeconds(startMs), to: formatIsoSeconds(endMs) };
    // A drag narrower than a second rounds to an empty range; keep the current one then.
    if (range.from !== range.to) update({ range });
  };

  return (
    <main className="mx-auto flex w-full max-w-screen-2xl flex-col gap-4 p-4">
      <h1 className="text-lg font-semibold">Explore</h1>
      <section aria-label="Query" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-start gap-3">
          <DatasourcePicker
            datasources={datasources.data}
            value={datasource?.id ?? null}
            loading={datasources.isPending}
            error={datasources.error}
            onChange={(id) => update({ datasource: id })}
          />
          <TimeRangePicker
            key={`${state.range.from}\u0000${state.range.to}`}
            value={state.range}
            onChange={(range: RawTimeRange) => update({ range })}
          />
          <StepInput
            value={state.stepS}
            effectiveStepS={resolved?.range.stepS ?? null}
            onChange={(stepS) => update({ stepS })}
          />
        </div>
        <div className="flex items-start gap-2">
          <PromQLEditor
            value={draft}
            onChange={setDraft}
            onSubmit={runQuery}
            apiBaseUrl={datasource ? datasourceBaseUrl(datasource.id) : null}
          />
          <Button variant="primary" onClick={() => runQuery(draft)} disabled={!datasource} className="h-10">
            Run query
          </Button>
        </div>
        {choice.notice ? <Callout tone="warning">{choice.notice}</Callout> : null}
        {run && !run.ok ? <Callout tone="error" title="Invalid time range">{run.error}</Callout> : null}
      </section>
      <section aria-label="Result" className="flex flex-col gap-3">
        <Tabs label="Result view" idPrefix="explore" items={TABS} value={state.tab} onChange={(tab) => update({ tab }, false)} />
        <div ref={resultsRef}>
          <TabPanel idPrefix="explore" value={state.tab}>
            {state.expr.trim() === "" ? (
              <p className="py-8 text-center text-sm text-slate-500">Enter an expression and press Shift+Enter or “Run query”.</p>
            ) : !resolved ? (
              datasources.isPending || !snapshot ? <Spinner label="Loading…" className="py-8" /> : null
            ) : state.tab === "graph" ? (
              <GraphView params={resolved.range} autoStep={resolved.autoStep} onZoom={onZoom} widthPx={snapshot?.widthPx ?? 0} />
            ) : (
              <TableView params={resolved.instant} />
            )}
          </TabPanel>
        </div>
      </section>
    </main>
  );
}
