import { describe, expect, it } from "vitest";
import type { QueryData } from "@/lib/promql/types";
import { toResultRows } from "./result-rows";

describe("toResultRows", () => {
  it.each<[string, QueryData, ReturnType<typeof toResultRows>]>([
    [
      "a vector",
      { resultType: "vector", result: [{ metric: { cluster: "east" }, value: [1795713796.091, "2"] }, { metric: { __name__: "up" }, value: [1795713796.091, "NaN"] }] },
      { resultType: "vector", total: 2, rows: [{ key: "0", series: '{cluster="east"}', values: ["2"] }, { key: "1", series: "up", values: ["NaN"] }] },
    ],
    [
      "a native histogram sample",
      { resultType: "vector", result: [{ metric: {}, histogram: [1, { count: "3", sum: "4.5", buckets: [] }] }] },
      { resultType: "vector", total: 1, rows: [{ key: "0", series: "{}", values: ["native histogram (count 3, sum 4.5)"] }] },
    ],
    [
      "a scalar",
      { resultType: "scalar", result: [1795713796.091, "42"] },
      { resultType: "scalar", total: 1, rows: [{ key: "scalar", series: "scalar", values: ["42"] }] },
    ],
    [
      "a string",
      { resultType: "string", result: [1795713796.091, "hello"] },
      { resultType: "string", total: 1, rows: [{ key: "string", series: "string", values: ["hello"] }] },
    ],
    [
      "a matrix (range selector)",
      { resultType: "matrix", result: [{ metric: { job: "a" }, values: [[10, "1"], [25, "2"]] }] },
      { resultType: "matrix", total: 1, rows: [{ key: "0", series: '{job="a"}', values: ["1 @10", "2 @25"] }] },
    ],
    ["an empty vector", { resultType: "vector", result: [] }, { resultType: "vector", total: 0, rows: [] }],
  ])("%s", (_name, data, expected) => {
    expect(toResultRows(data, 100)).toEqual(expected);
  });

  it("cuts rows at the limit but reports the total", () => {
    const data: QueryData = { resultType: "vector", result: Array.from({ length: 5 }, (_, i) => ({ metric: { i: String(i) }, value: [0, "1"] as [number, string] })) };
    const rows = toResultRows(data, 2);
    expect(rows.rows).toHaveLength(2);
    expect(rows.total).toBe(5);
  });
});
