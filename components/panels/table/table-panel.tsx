"use client";

import { useMemo, useState } from "react";
import { PanelMessage } from "../panel-message";
import type { PanelProps } from "../types";
import { nextSort, sortRows, type TableSort } from "./sort-rows";
import { columnTitles, toTableViewModel, type TableColumn } from "./to-view-model";

export type TablePanelProps = PanelProps<"table">;

function ariaSort(column: string, sort: TableSort | null): "ascending" | "descending" | "none" {
  if (sort?.column !== column) return "none";
  return sort.desc ? "descending" : "ascending";
}

function SortMark({ column, sort }: { column: string; sort: TableSort | null }) {
  if (sort?.column !== column) return null;
  return <span aria-hidden="true">{sort.desc ? " ↓" : " ↑"}</span>;
}

/** Instant values (or each series' last value) as rows, with label columns; sortable by header. */
export function TablePanel({ data, panel, width, height }: TablePanelProps) {
  const { options, fieldConfig } = panel;
  // undefined: the user has not clicked a header yet, so the panel's sortBy applies.
  const [userSort, setUserSort] = useState<TableSort | null | undefined>(undefined);
  const model = useMemo(() => toTableViewModel(data, fieldConfig), [data, fieldConfig]);
  const sort = userSort === undefined ? (options.sortBy ?? null) : userSort;
  const rows = useMemo(() => sortRows(model.rows, sort), [model.rows, sort]);
  const titles = useMemo(() => columnTitles(model.columns, fieldConfig), [model.columns, fieldConfig]);

  if (model.rows.length === 0) return <PanelMessage />;
  const align = (c: TableColumn) => (c.kind === "value" ? "text-right" : "text-left");
  return (
    <div className="overflow-auto" style={{ width, height }}>
      <table className="w-full border-collapse text-sm">
        {options.showHeader ? (
          <thead className="sticky top-0 bg-white dark:bg-slate-900">
            <tr className="border-b border-slate-200 dark:border-slate-700">
              {model.columns.map((c) => (
                <th key={c.name} scope="col" aria-sort={ariaSort(c.name, sort)} className={`px-2 py-1 font-medium whitespace-nowrap ${align(c)}`}>
                  <button type="button" onClick={() => setUserSort(nextSort(sort, c.name))} className="hover:underline">
                    {titles[c.name] ?? c.name}
                    <SortMark column={c.name} sort={sort} />
                  </button>
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50">
              {model.columns.map((c) => (
                <td key={c.name} className={`px-2 py-0.5 ${align(c)} ${c.kind === "value" ? "tabular-nums whitespace-nowrap" : "break-all"}`}>
                  {model.format(c.name, row.cells[c.name] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
