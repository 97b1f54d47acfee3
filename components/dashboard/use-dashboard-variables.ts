"use client";

import { useQuery } from "@tanstack/react-query";
import type { Dashboard } from "@/lib/dashboards/schema";
import { resolveVariables, type ResolveVariablesResult } from "@/lib/dashboards/variables/resolve";
import type { DatasourceInfo } from "@/lib/promql/types";
import { dashboardKeys } from "@/lib/dashboards/keys";
import { fetchPrometheusJson } from "@/lib/promql/api";

const EMPTY: ResolveVariablesResult = { values: {}, errors: {} };

/**
 * Resolves the dashboard's variables in dependency order (lib/dashboards/variables/resolve) for
 * the URL's values and the current range; variables that refresh on time change re-run with it.
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
  const query = useQuery({
    queryKey: [...dashboardKeys.detail(dashboard?.uid ?? ""), "variables", input.version, urlValues, timeDependent ? range : null],
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
    placeholderData: (previous) => previous,
    staleTime: Infinity,
    retry: false,
  });
  return { ...(query.data ?? EMPTY), loading: query.isFetching, ready: Boolean(query.data) || (enabled && dashboard!.templating.list.length === 0) };
}
