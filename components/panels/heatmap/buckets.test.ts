import { describe, expect, it } from "vitest";
import type { PanelSeries } from "@/lib/panels/panel-data";
import { dropEmptyBuckets, toHeatmapBuckets } from "./buckets";
import { Samples } from "@/lib/panels/samples";

const bucket = (le: string | undefined, values: Array<number | null>, extra: Record<string, string> = {}): PanelSeries => ({
  refId: "A",
  name: le ?? "x",
  labels: le === undefined ? extra : { ...extra, le },
  samples: Samples.fromPairs(values.map((v, i) => [1000 * (i + 1), v])),
});

describe("toHeatmapBuckets", () => {
  it("orders buckets numerically with +Inf last and de-cumulates", () => {
    const result = toHeatmapBuckets([bucket("+Inf", [10, 12]), bucket("1", [6, 6]), bucket("0.5", [4, 5]), bucket("10", [9, 12])]);
    expect(result.bucketLabels).toEqual(["0.5", "1", "10", "+Inf"]);
    expect(result.timesMs).toEqual([1000, 2000]);
    expect(result.counts).toEqual([
      [4, 5],
      [2, 1],
      [3, 6],
      [1, 0],
    ]);
  });

  it("compares le numerically, not as text", () => {
    expect(toHeatmapBuckets([bucket("100", [1]), bucket("25", [1]), bucket("5", [1]), bucket("1e3", [1])]).bucketLabels).toEqual(["5", "25", "100", "1000"]);
  });

  it("clamps negative differences to zero", () => {
    expect(toHeatmapBuckets([bucket("1", [5]), bucket("2", [4.999])]).counts).toEqual([[5], [0]]);
  });

  it("keeps gaps as nulls and subtracts the nearest lower bucket that has a sample", () => {
    const result = toHeatmapBuckets([bucket("1", [1, 1, 3]), bucket("2", [2, null, 5]), bucket("+Inf", [4, 6, null])]);
    expect(result.counts).toEqual([
      [1, 1, 3],
      [1, null, 2],
      [2, 5, null],
    ]);
  });

  it("treats a lowest bucket as counted from zero", () => {
    expect(toHeatmapBuckets([bucket("1", [null, 2]), bucket("2", [3, 3])]).counts).toEqual([[null, 2], [3, 1]]);
  });

  it("sums series that share an le and ignores series without one", () => {
    const result = toHeatmapBuckets([bucket("1", [1], { pod: "a" }), bucket("1", [2], { pod: "b" }), bucket(undefined, [100]), bucket("junk", [5])]);
    expect(result.bucketLabels).toEqual(["1"]);
    expect(result.counts).toEqual([[3]]);
  });

  it("unions timestamps across buckets", () => {
    const a: PanelSeries = { refId: "A", name: "a", labels: { le: "1" }, samples: Samples.fromPairs([[2000, 1]]) };
    const b: PanelSeries = { refId: "A", name: "b", labels: { le: "+Inf" }, samples: Samples.fromPairs([[1000, 1], [2000, 3]]) };
    expect(toHeatmapBuckets([b, a])).toEqual({ bucketLabels: ["1", "+Inf"], timesMs: [1000, 2000], counts: [[null, 1], [1, 2]] });
  });

  it("is empty for no series", () => {
    expect(toHeatmapBuckets([])).toEqual({ bucketLabels: [], timesMs: [], counts: [] });
  });
});

describe("dropEmptyBuckets", () => {
  it("leaves out buckets that never hold an observation", () => {
    const result = dropEmptyBuckets(toHeatmapBuckets([bucket("1", [0, 0]), bucket("2", [1, 1]), bucket("+Inf", [1, 1])]));
    expect(result.bucketLabels).toEqual(["2"]);
    expect(result.counts).toEqual([[1, 1]]);
  });
});
