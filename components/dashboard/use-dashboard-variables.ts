"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Dashboard } from "@/lib/dashboards/schema";
import { resolveVariables, type ResolveVariablesResult } from "@/lib/dashboards/variables/resolve";
import type { DatasourceInfo } from "@/lib/promql/types";
import { reusableResolution, variablesQueryKey } from "@/lib/dashboards/variables/reuse";
import { fetchPrometheusJson } from "@/lib/promql/api";

const EMPTY: ResolveVariablesResult = { values: {}, errors: {} };

/**
 * Resolves the dashboard's variables in dependency order (lib/dashboards/variables/resolve) for
 * the URL's values and the current range; variables that refresh on time change re-run with it.
 * URL values that resolve to a cached result (the page writing the values it resolved back into
 * the URL) take that result instead of resolving, and fetching the options, again.
 */
export function useDashboardVariables(input: {
  dashboard: Dashboard | undefined;
  version: number | undefined;
  urlValues: Record<string, string[]>;
  datasources: readonly DatasourceInfo[] | undefined;
  range: { startMs: number; endMs: number } | null;
  nowMs: number;
}) {
  const { dashboard, urlValues, datasources, range } = input;
  const timeDependent = dashboard?.templating.list.some((v) => v.type === "query" && v.refresh === "time") ?? false;
  const enabled = Boolean(dashboard && datasources && range);
  const client = useQueryClient();
  const queryKey = variablesQueryKey(dashboard?.uid ?? "", input.version, urlValues, timeDependent ? range : null);
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      resolveVariables({
        variables: dashboard!.templating.list,
        urlValues,
        fetcher: (ds, path, params, s) => fetchPrometheusJson(ds, path, params, s ?? signal),
        datasources: datasources!,
        timeRange: range!,
        nowMs: input.nowMs,
        signal,
      }),
    enabled,
    initialData: () => (dashboard ? reusableResolution(dashboard.templating.list, client.getQueriesData<ResolveVariablesResult>({ queryKey: queryKey.slice(0, 5) }), queryKey) : undefined),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
    retry: false,
  });
  return { ...(query.data ?? EMPTY), loading: query.isFetching, ready: Boolean(query.data) || (enabled && dashboard!.templating.list.length === 0) };
}
