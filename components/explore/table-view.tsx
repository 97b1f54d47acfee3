"use client";

import { useInstantQuery } from "@/lib/promql/hooks";
import type { InstantQueryParams } from "@/lib/promql/types";
import { formatDateTime } from "@/lib/time/format";
import { Spinner } from "@/components/ui/spinner";
import { QueryAnnotations, QueryError } from "./query-status";
import { ResultTable } from "./result-table";

// Explore's queries say so: the proxy then needs query:explore (viewersCanExplore).
const EXPLORE_QUERY = { explore: true } as const;

export interface TableViewProps {
  params: InstantQueryParams;
}

/** Runs the instant query at the end of the range and lists its result. */
export function TableView({ params }: TableViewProps) {
  const query = useInstantQuery(params, EXPLORE_QUERY);

  return (
    <div className="flex flex-col gap-2" aria-busy={query.isFetching}>
      <div className="flex min-h-6 items-center gap-3 text-xs text-slate-500">
        {query.isFetching ? <Spinner label="Loading…" /> : <span>Evaluated at {formatDateTime(params.timeS * 1000)}</span>}
      </div>
      {query.error ? <QueryError error={query.error} /> : null}
      {query.data ? <QueryAnnotations warnings={query.data.warnings} infos={query.data.infos} /> : null}
      {query.data && !query.error ? <ResultTable data={query.data.data} /> : null}
    </div>
  );
}
