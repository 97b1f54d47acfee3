import { skipToken, useQuery } from "@tanstack/react-query";
import { fetchDatasources, fetchInstantQuery, fetchRangeQuery, type QueryRequestOptions } from "./api";
import { promqlKeys } from "./keys";
import { PromQLError, type InstantQueryParams, type RangeQueryParams } from "./types";

// PromQL mistakes, unknown datasources, a down upstream and timeouts fail the same way again (and a
// retried timeout doubles the wait), so only a dropped connection to Orrery itself is retried.
export function retryNetworkOnce(failureCount: number, error: Error): boolean {
  return error instanceof PromQLError && error.errorType === "network" && failureCount < 1;
}

const IDLE_KEY = [...promqlKeys.all, "idle"] as const;

// Keys hold absolute times, so a cached answer stays right for its key; a new run pins a new "now"
// (a new key), and re-running an absolute range invalidates explicitly.
const RESULT_STALE_TIME = Number.POSITIVE_INFINITY;

function isRunnable<P extends { expr: string }>(params: P | null): params is P {
  return params !== null && params.expr.trim() !== "";
}

/** The configured datasources, fetched once per page (they change only when the server restarts). */
export function useDatasources() {
  return useQuery({
    queryKey: promqlKeys.datasources(),
    queryFn: ({ signal }) => fetchDatasources(signal),
    staleTime: 5 * 60_000,
    retry: retryNetworkOnce,
  });
}

/** A range query; idle while `params` is null or the expression is blank. */
export function useRangeQuery(params: RangeQueryParams | null, opts?: QueryRequestOptions) {
  return useQuery({
    queryKey: isRunnable(params) ? promqlKeys.range(params) : IDLE_KEY,
    queryFn: isRunnable(params) ? ({ signal }) => fetchRangeQuery(params, signal, opts) : skipToken,
    staleTime: RESULT_STALE_TIME,
    retry: retryNetworkOnce,
  });
}

/** An instant query; idle while `params` is null or the expression is blank. */
export function useInstantQuery(params: InstantQueryParams | null, opts?: QueryRequestOptions) {
  return useQuery({
    queryKey: isRunnable(params) ? promqlKeys.instant(params) : IDLE_KEY,
    queryFn: isRunnable(params) ? ({ signal }) => fetchInstantQuery(params, signal, opts) : skipToken,
    staleTime: RESULT_STALE_TIME,
    retry: retryNetworkOnce,
  });
}
