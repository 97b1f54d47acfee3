"use client";

import { useMemo } from "react";
import { useQueries } from "@tanstack/react-query";
import { revisionQuery, type RevisionRef } from "@/lib/knative/metrics";
import { RECORDED_METRICS, recordedRun, type RecordedMatrices, type RecordedMetric, type RecordedRun } from "@/lib/knative/whatif/recorded";
import { fetchRangeQuery } from "@/lib/promql/api";
import { promqlKeys } from "@/lib/promql/keys";
import { PromQLError, type RangeQueryParams } from "@/lib/promql/types";

// The proxy clamps a range query to 11,000 points; stay under it with the finest step that fits.
const MAX_POINTS = 10_000;

/** The range queries' step: 1 s (the autoscaler's bucket size) unless the range is too long for it. */
export function whatIfStepSeconds(startS: number, endS: number): number {
  return Math.max(1, Math.ceil((endS - startS) / MAX_POINTS));
}

export interface RecordedRunQuery {
  run: RecordedRun | null;
  loading: boolean;
  error: Error | null;
}

type RangeResult = { data?: { data: { result: RecordedMatrices[RecordedMetric] } }; error: Error | null; isPending: boolean };

// Module-level so React Query keeps the combined object (and `matrices`) stable between renders.
function combineResults(results: RangeResult[]): { matrices: RecordedMatrices | null; loading: boolean; error: Error | null } {
  const error = results.find((r) => r.error)?.error ?? null;
  const loading = results.some((r) => r.isPending);
  if (results.some((r) => r.data === undefined)) return { matrices: null, loading, error };
  const matrices = Object.fromEntries(RECORDED_METRICS.map((m, i) => [m, results[i]!.data!.data.result])) as unknown as RecordedMatrices;
  return { matrices, loading, error };
}

function retryNetworkOnce(failureCount: number, error: Error): boolean {
  return error instanceof PromQLError && error.errorType === "network" && failureCount < 1;
}

/** Fetches the recorded series of a revision over [startS, endS] through the proxy and rebuilds its per-second run. */
export function useRecordedRun(
  datasource: string,
  revision: RevisionRef,
  startS: number,
  endS: number,
  opts: { metric?: "concurrency" | "rps"; panicWindowS: number },
): RecordedRunQuery {
  const stepS = whatIfStepSeconds(startS, endS);
  const params: RangeQueryParams[] = RECORDED_METRICS.map((metric) => ({ datasource, expr: revisionQuery(revision, metric), startS, endS, stepS }));
  const combined = useQueries({
    queries: params.map((p) => ({
      queryKey: promqlKeys.range(p),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchRangeQuery(p, signal),
      staleTime: Number.POSITIVE_INFINITY,
      retry: retryNetworkOnce,
    })),
    combine: combineResults,
  });
  const { matrices, loading, error } = combined;
  const { metric, panicWindowS } = opts;
  const run = useMemo(
    () => (matrices === null ? null : recordedRun(matrices, { startS, endS, stepS, metric, panicWindowS })),
    [matrices, startS, endS, stepS, metric, panicWindowS],
  );
  return { run, loading, error };
}
