import { describe, expect, it } from "vitest";
import { nextSort, sortRows, type TableSort } from "./sort-rows";
import type { CellValue, TableRow } from "./to-view-model";

const rows = (values: CellValue[]): TableRow[] => values.map((v, i) => ({ key: String(i), cells: { c: v } }));
const sorted = (values: CellValue[], sort: TableSort | null) => sortRows(rows(values), sort).map((r) => r.cells.c);

describe("sortRows", () => {
  it.each<[string, CellValue[], TableSort | null, CellValue[]]>([
    ["numbers numerically", [10, 9, 100, -1], { column: "c", desc: false }, [-1, 9, 10, 100]],
    ["numbers descending", [10, 9, 100, -1], { column: "c", desc: true }, [100, 10, 9, -1]],
    ["strings naturally", ["pod-10", "pod-2", "Pod-1"], { column: "c", desc: false }, ["Pod-1", "pod-2", "pod-10"]],
    ["strings descending", ["b", "a", "c"], { column: "c", desc: true }, ["c", "b", "a"]],
    ["nulls last ascending", [null, 2, 1], { column: "c", desc: false }, [1, 2, null]],
    ["nulls last descending", [null, 2, 1], { column: "c", desc: true }, [2, 1, null]],
    ["NaN counts as empty", [Number.NaN, 1], { column: "c", desc: false }, [1, Number.NaN]],
    ["empty strings sort as text", ["b", "", "a"], { column: "c", desc: false }, ["", "a", "b"]],
    ["numbers before text in a mixed column", ["x", 1], { column: "c", desc: false }, [1, "x"]],
    ["no sort keeps order", [3, 1, 2], null, [3, 1, 2]],
    ["an unknown column keeps order", [3, 1, 2], { column: "nope", desc: false }, [3, 1, 2]],
  ])("%s", (_name, values, sort, expected) => {
    expect(sorted(values, sort)).toEqual(expected);
  });

  it("is stable and does not mutate its input", () => {
    const input: TableRow[] = [
      { key: "a", cells: { c: 1 } },
      { key: "b", cells: { c: 0 } },
      { key: "c", cells: { c: 1 } },
    ];
    expect(sortRows(input, { column: "c", desc: true }).map((r) => r.key)).toEqual(["a", "c", "b"]);
    expect(input.map((r) => r.key)).toEqual(["a", "b", "c"]);
  });
});

describe("nextSort", () => {
  it.each<[TableSort | null, string, TableSort | null]>([
    [null, "a", { column: "a", desc: false }],
    [{ column: "a", desc: false }, "a", { column: "a", desc: true }],
    [{ column: "a", desc: true }, "a", null],
    [{ column: "a", desc: true }, "b", { column: "b", desc: false }],
  ])("%j then click %s → %j", (current, column, expected) => {
    expect(nextSort(current, column)).toEqual(expected);
  });
});
