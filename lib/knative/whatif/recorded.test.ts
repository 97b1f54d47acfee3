import { describe, expect, it } from "vitest";
import type { MatrixSeries } from "@/lib/promql/types";
import { recordedRun, type RecordedMatrices } from "./recorded";

const series = (start: number, values: number[]): MatrixSeries[] => [
  { metric: {}, values: values.map((v, i) => [start + i, String(v)] as [number, string]) },
];

const EMPTY: RecordedMatrices = { panic: [], panicRps: [], ready: [], panicMode: [], target: [], targetRps: [], requested: [] };

describe("recordedRun", () => {
  it("reads the panic average half a panic window later, holds pod counts and panic mode", () => {
    const run = recordedRun(
      {
        ...EMPTY,
        panic: series(100, [0, 0, 0, 6, 6, 6, 6, 6]),
        ready: series(100, [0, 0, 0, 0, 0, 1, 1, 1]),
        requested: series(100, [0, 0, 1, 1, 1, 1, 1, 1]),
        panicMode: series(100, [0, 0, 0, 1, 1, 1, 0, 0]),
        target: series(100, [7, 7, 7, 7, 7, 7, 7, 7]),
      },
      { startS: 100, endS: 107, stepS: 1, panicWindowS: 2 },
    );
    expect(run.loadKind).toBe("concurrency");
    expect(run.load).toEqual([0, 0, 6, 6, 6, 6, 6, 6]); // shifted by 1 s
    expect(run.ready).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    expect(run.panicMode).toEqual([0, 0, 0, 1, 1, 1, 0, 0]);
    expect(run.target).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    expect(run.estimatedStartupSeconds).toBe(3);
    expect(run.missingLoadSeconds).toBe(0);
  });

  it.each<[string, Partial<RecordedMatrices>, "concurrency" | "rps" | undefined, "concurrency" | "rps", number]>([
    ["concurrency when the panic concurrency series exists", { panic: series(0, [4, 4, 4]) }, undefined, "concurrency", 4],
    ["rps when only the rps series exists", { panicRps: series(0, [9, 9, 9]) }, undefined, "rps", 9],
    ["the revision's metric wins over detection", { panic: series(0, [4, 4, 4]), panicRps: series(0, [9, 9, 9]) }, "rps", "rps", 9],
    ["concurrency when there is no data at all", {}, undefined, "concurrency", 0],
  ])("load kind: %s", (_name, matrices, metric, kind, firstLoad) => {
    const run = recordedRun({ ...EMPTY, ...matrices }, { startS: 0, endS: 2, stepS: 1, metric, panicWindowS: 6 });
    expect(run.loadKind).toBe(kind);
    expect(run.load[0]).toBe(firstLoad);
  });

  it("an unrecorded target is unknown (NaN), never 0; missing demand is counted and reads 0", () => {
    const run = recordedRun({ ...EMPTY, panic: series(0, [5, 5]) }, { startS: 0, endS: 9, stepS: 1, panicWindowS: 2 });
    expect(run.target.every(Number.isNaN)).toBe(true);
    expect(run.load.slice(-3)).toEqual([0, 0, 0]);
    expect(run.missingLoadSeconds).toBeGreaterThanOrEqual(6);
  });

  it("negative averages (float noise) become 0", () => {
    const run = recordedRun({ ...EMPTY, panic: series(0, [-0.000001, 2]) }, { startS: 0, endS: 1, stepS: 1, panicWindowS: 0 });
    expect(run.load).toEqual([0, 2]);
  });
});
