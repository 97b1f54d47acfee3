"use client";

import { useMemo } from "react";
import type { RevisionSettings } from "@/lib/knative/kpa/config";
import type { RevisionRef } from "@/lib/knative/metrics";
import { capacityRuleText, currentValues } from "@/lib/knative/whatif/current";
import { DEFAULT_STARTUP_SECONDS, mergeSettings, panicWindowSeconds, runWhatIf, type WhatIfResult } from "@/lib/knative/whatif/run";
import { EMPTY_WHAT_IF, encodeWhatIfState, MAX_WHAT_IF_RANGE_S, type WhatIfSettings } from "@/lib/knative/whatif/url-state";
import { formatDateTime } from "@/lib/time/format";
import { EChart } from "@/components/charts/echart";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { toWhatIfChartOption, WHAT_IF_COLORS } from "./to-chart-option";
import { useRecordedRun } from "./use-recorded-run";
import { useWhatIfUrlState } from "./use-what-if-url-state";
import { WhatIfForm } from "./what-if-form";
import { WhatIfTotals } from "./what-if-totals";

export interface WhatIfSectionProps {
  datasource: string;
  revision: RevisionRef;
  /** The page's range, unix seconds; a what-if pins the range it ran in the URL. */
  start: number;
  end: number;
  /** The revision's own settings (annotations + containerConcurrency), when known. */
  settings?: RevisionSettings;
}

const NO_SETTINGS: RevisionSettings = {};

function replayOrError(run: Parameters<typeof runWhatIf>[0] | null, settings: RevisionSettings, overrides: WhatIfSettings): WhatIfResult | Error | null {
  if (run === null) return null;
  try {
    return runWhatIf(run, settings, overrides);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * Replays a revision's recorded demand through the KPA with edited settings and compares the
 * predicted pods with the recorded ones. Settings and the replayed range live in the URL (`wi.*`).
 */
/** The same settings object while their content is the same (the replay is memoized on it). */
function useStableSettings(settings: RevisionSettings): RevisionSettings {
  const key = JSON.stringify(settings);
  return useMemo(() => JSON.parse(key) as RevisionSettings, [key]);
}

function capacityRule(loadKind: "concurrency" | "rps", actualCc: number | undefined, editedCc: number | undefined): string {
  const edited = capacityRuleText(loadKind, editedCc);
  const actual = capacityRuleText(loadKind, actualCc);
  return edited === actual ? edited : `${edited} for the what-if; ${actual} for the other two`;
}

export function WhatIfSection({ datasource, revision, start, end, settings: settingsProp = NO_SETTINGS }: WhatIfSectionProps) {
  const settings = useStableSettings(settingsProp);
  const { state, notices, setState } = useWhatIfUrlState();
  const range = state.range ?? { startS: Math.floor(start), endS: Math.floor(end) };
  const tooLong = range.endS - range.startS > MAX_WHAT_IF_RANGE_S;
  const recorded = useRecordedRun(datasource, revision, range.startS, tooLong ? range.startS + 1 : range.endS, {
    metric: settings.metric,
    panicWindowS: panicWindowSeconds(settings),
  });
  const run = tooLong ? null : recorded.run;
  const result = useMemo(() => replayOrError(run, settings, state.settings), [run, settings, state.settings]);
  const startup = state.settings.startupSeconds ?? run?.estimatedStartupSeconds ?? DEFAULT_STARTUP_SECONDS;
  const current = useMemo(() => currentValues(settings, startup), [settings, startup]);
  const option = useMemo(
    () =>
      run && result && !(result instanceof Error)
        ? toWhatIfChartOption({
            startS: run.startS,
            actualReady: run.ready,
            predictedReady: result.predicted.seconds.map((s) => s.readyPods),
            load: run.load,
            loadKind: run.loadKind,
            predictedPanic: result.predicted.seconds.map((s) => s.panicMode),
          })
        : null,
    [run, result],
  );
  const edited = mergeSettings(settings, state.settings);
  const pinnedElsewhere = state.range !== null && (state.range.startS !== Math.floor(start) || state.range.endS !== Math.floor(end));

  return (
    <section aria-labelledby="what-if-heading" data-testid="whatif-section" className="flex flex-col gap-4">
      <div>
        <h2 id="what-if-heading" className="text-lg font-semibold">
          What-if replay
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Replays this revision&apos;s recorded demand through the same KPA implementation with the settings below, and
          compares the predicted pods with the pods it actually had.
        </p>
      </div>
      <Callout tone="info" title="This is an approximation">
        The autoscaler decides on 1-second buckets of concurrency; Prometheus only has its 2-second (or coarser)
        window averages. The replay rebuilds per-second demand from the recorded panic-window average, models pods as
        ready {startup} s after they are requested ({startupSourceText(result, state.settings)}), and starts from a
        settled state. Read the &quot;Replay, revision&apos;s settings&quot; column as the error bar: it is the same
        replay without your changes.
      </Callout>
      {notices.length > 0 ? (
        <Callout tone="warning" title="Some what-if settings in the link were ignored">
          <ul className="list-disc pl-5">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Callout>
      ) : null}
      {pinnedElsewhere && state.range ? (
        <Callout tone="info">
          Replaying the range saved in the link, {formatDateTime(state.range.startS * 1000)} to {formatDateTime(state.range.endS * 1000)}.{" "}
          <Button size="sm" onClick={() => setState({ ...state, range: null })}>
            Use the page&apos;s range
          </Button>
        </Callout>
      ) : null}
      <WhatIfForm
        key={encodeWhatIfState({ settings: state.settings, range: null })}
        value={state.settings}
        current={current}
        onApply={(next) => setState({ settings: next, range })}
        onReset={() => setState(EMPTY_WHAT_IF)}
      />
      {tooLong ? (
        <Callout tone="warning">The what-if replays at most 2 days; pick a shorter range.</Callout>
      ) : recorded.error ? (
        <Callout tone="error" title="Could not load the recorded series">
          {recorded.error.message}
        </Callout>
      ) : run === null ? (
        <Spinner label="Loading the recorded series…" />
      ) : result instanceof Error ? (
        <Callout tone="error" title="These settings cannot be replayed">
          {result.message}
        </Callout>
      ) : result ? (
        <>
          {run.missingLoadSeconds > 0 ? (
            <Callout tone="warning">
              {run.missingLoadSeconds} of {run.load.length} seconds have no recorded {run.loadKind}; the replay treats them as no traffic.
            </Callout>
          ) : null}
          {option ? (
            <figure className="flex flex-col gap-1">
              <EChart option={option} ariaLabel="Predicted ready pods over actual ready pods" className="h-72 w-full" />
              <figcaption>
                <ul aria-label="Chart legend" className="flex flex-wrap gap-x-4 text-xs text-slate-600 dark:text-slate-400">
                  <LegendItem color={WHAT_IF_COLORS.actual} label="actual ready pods" />
                  <LegendItem color={WHAT_IF_COLORS.predicted} label="predicted ready pods (dashed)" />
                  <LegendItem color={WHAT_IF_COLORS.load} label={`replayed demand (${run.loadKind === "rps" ? "requests/s" : "concurrency"}, right axis)`} />
                  <LegendItem color="rgba(239, 68, 68, 0.35)" label="predicted panic" />
                </ul>
              </figcaption>
            </figure>
          ) : null}
          <WhatIfTotals
            actual={result.actual}
            baseline={result.baseline.totals}
            predicted={result.predicted.totals}
            capacityRule={capacityRule(run.loadKind, settings.containerConcurrency, edited.containerConcurrency)}
          />
        </>
      ) : null}
    </section>
  );
}

function startupSourceText(result: WhatIfResult | Error | null, overrides: WhatIfSettings): string {
  if (overrides.startupSeconds !== undefined) return "your setting";
  if (result && !(result instanceof Error) && result.startupSource === "recorded") return "the median seen in the recorded data";
  return "a default; set “Pod start-up” to change it";
}

function LegendItem({ color, label }: { color: string; label: string }) {
  return (
    <li className="flex items-center gap-1.5">
      <span aria-hidden="true" className="inline-block h-2 w-3 rounded-sm" style={{ background: color }} />
      {label}
    </li>
  );
}
