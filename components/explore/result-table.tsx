import type { QueryData } from "@/lib/promql/types";
import { Callout } from "@/components/ui/callout";
import { toResultRows } from "./result-rows";

// Rendering more rows than this freezes the page; Prometheus's UI has a similar cap.
const MAX_ROWS = 1000;

export interface ResultTableProps {
  data: QueryData;
}

/** An instant-query result as a table: series labels and value(s). */
export function ResultTable({ data }: ResultTableProps) {
  const { resultType, rows, total } = toResultRows(data, MAX_ROWS);
  if (rows.length === 0) return <p className="py-8 text-center text-sm text-slate-500">Empty query result</p>;
  return (
    <div className="flex flex-col gap-2">
      {total > rows.length ? (
        <Callout tone="info">
          Showing the first {rows.length} of {total} series.
        </Callout>
      ) : null}
      <div className="overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table aria-label="Query result" className="w-full border-collapse text-left text-xs">
          <thead className="bg-slate-50 dark:bg-slate-900">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                {resultType === "scalar" || resultType === "string" ? "Type" : "Series"}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                {resultType === "matrix" ? "Values" : "Value"}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-slate-200 align-top dark:border-slate-800">
                <td className="px-3 py-1.5 font-mono break-all">{row.series}</td>
                <td className="px-3 py-1.5 text-right font-mono whitespace-pre tabular-nums">{row.values.join("\n")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
