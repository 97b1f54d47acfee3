"use client";

import { useQuery } from "@tanstack/react-query";
import { dashboardKeys } from "@/lib/dashboards/keys";
import type { Variable } from "@/lib/dashboards/schema";
import { resolveVariables } from "@/lib/dashboards/variables/resolve";
import { fetchPrometheusJson } from "@/lib/promql/api";
import type { DatasourceInfo } from "@/lib/promql/types";

export interface VariablePreviewProps {
  uid: string;
  variables: readonly Variable[];
  name: string;
  datasources: readonly DatasourceInfo[];
  range: { startMs: number; endMs: number };
  nowMs: number;
}

const SHOWN = 20;

/** The values the variable resolves to now (with the variables it depends on), as Grafana's preview shows. */
export function VariablePreview({ uid, variables, name, datasources, range, nowMs }: VariablePreviewProps) {
  const preview = useQuery({
    queryKey: [...dashboardKeys.detail(uid), "variable-preview", variables, range],
    queryFn: ({ signal }) =>
      resolveVariables({ variables, fetcher: (ds, path, params, s) => fetchPrometheusJson(ds, path, params, s ?? signal), datasources, timeRange: range, nowMs, signal }),
    retry: false,
    staleTime: 30_000,
  });
  const state = preview.data?.values[name];
  const error = preview.data?.errors[name] ?? preview.error?.message;
  const options = state?.options ?? [];
  return (
    <section aria-label="Preview of values" className="space-y-1">
      <h4 className="text-sm font-semibold">Preview of values</h4>
      {preview.isFetching && <p className="text-xs text-slate-500">Resolving…</p>}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {!error && state && options.length === 0 && <p className="text-sm text-slate-500">No values.</p>}
      <ul className="flex flex-wrap gap-1">
        {options.slice(0, SHOWN).map((o) => (
          <li key={o.value} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
            {o.text}
          </li>
        ))}
        {options.length > SHOWN && <li className="text-xs text-slate-500">and {options.length - SHOWN} more</li>}
      </ul>
    </section>
  );
}
