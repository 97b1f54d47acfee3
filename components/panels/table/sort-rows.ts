import type { CellValue, TableRow } from "./to-view-model";

export interface TableSort {
  column: string;
  desc: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function compareCells(a: CellValue, b: CellValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1; // numbers before text in a mixed column
  if (typeof b === "number") return 1;
  return collator.compare(a ?? "", b ?? "");
}

const isEmpty = (v: CellValue | undefined) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/**
 * Rows sorted by a column: numbers numerically, text naturally ("pod-2" before "pod-10"), and
 * empty cells last in either direction. Stable, and returns a new array.
 */
export function sortRows(rows: readonly TableRow[], sort: TableSort | null): TableRow[] {
  if (!sort) return [...rows];
  const { column, desc } = sort;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const a = x.row.cells[column];
      const b = y.row.cells[column];
      const emptyA = isEmpty(a);
      const emptyB = isEmpty(b);
      if (emptyA || emptyB) return emptyA === emptyB ? x.index - y.index : emptyA ? 1 : -1;
      const order = compareCells(a!, b!);
      return (desc ? -order : order) || x.index - y.index;
    })
    .map(({ row }) => row);
}

/** Header clicks cycle a column through ascending, descending and unsorted, as in Grafana. */
export function nextSort(current: TableSort | null, column: string): TableSort | null {
  if (current?.column !== column) return { column, desc: false };
  return current.desc ? null : { column, desc: true };
}
