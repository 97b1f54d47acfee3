import { describe, expect, it } from "vitest";
import { runTotals, type RunSeriesInput, type RunTotals } from "./totals";

const base = (over: Partial<RunSeriesInput>): RunSeriesInput => {
  const n = Math.max(...[over.ready, over.load, over.capacityPerPod, over.panicMode].map((a) => a?.length ?? 0));
  return { ready: new Array(n).fill(1), load: new Array(n).fill(0), capacityPerPod: new Array(n).fill(10), panicMode: new Array(n).fill(0), ...over };
};

describe("runTotals", () => {
  it.each<[string, Partial<RunSeriesInput>, Partial<RunTotals>]>([
    ["pod-seconds are the sum of ready pods", { ready: [1, 2, 3, 0] }, { podSeconds: 6 }],
    ["over capacity: load above ready × capacity, strictly", { ready: [1, 2, 2, 2], load: [10, 21, 20, 0], capacityPerPod: [10, 10, 10, 10] }, { overCapacitySeconds: 1 }],
    ["demand with no ready pod is over capacity", { ready: [0, 0, 1], load: [0, 3, 3] }, { overCapacitySeconds: 1 }],
    ["unknown capacity (NaN) is not judged unless no pod is ready", { ready: [1, 0], load: [100, 1], capacityPerPod: [NaN, NaN] }, { overCapacitySeconds: 1 }],
    ["panics count 0 → 1 entries", { panicMode: [0, 1, 1, 0, 1, 0, 0] }, { panics: 2 }],
    ["a range that starts in panic does not count that panic", { panicMode: [1, 1, 0] }, { panics: 0 }],
    ["…unless the state before says it entered at the first second", { panicMode: [1, 1, 0], before: { ready: 1, panic: false } }, { panics: 1 }],
    ["booleans work as panic mode", { panicMode: [false, true, false, true] }, { panics: 2 }],
    ["cold start: demand at zero, then pods ready", { ready: [0, 0, 0, 1, 1], load: [0, 5, 5, 5, 0] }, { coldStarts: 1 }],
    ["0 → 1 without demand (min-scale rollout) is not a cold start", { ready: [0, 0, 1, 1], load: [0, 0, 0, 0] }, { coldStarts: 0 }],
    ["two separate cold starts", { ready: [0, 1, 0, 0, 2], load: [1, 1, 0, 2, 2] }, { coldStarts: 2 }],
    ["demand that came and went while at zero still makes the next start cold", { ready: [0, 0, 0, 1], load: [2, 0, 0, 0] }, { coldStarts: 1 }],
    ["before-state of zero pods with demand in the first ready second is a cold start", { ready: [1, 1], load: [3, 3], before: { ready: 0, panic: false } }, { coldStarts: 1 }],
  ])("%s", (_name, over, expected) => {
    expect(runTotals(base(over))).toMatchObject(expected);
  });
});
