import { describe, expect, it } from "vitest";
import { DEFAULT_MIN_STEP_S, minStepForScrapeInterval, resolveRun } from "./run";
import { DEFAULT_EXPLORE_STATE, type ExploreState } from "./url-state";

const NOW_MS = Date.UTC(2024, 2, 13, 14, 0, 0);
const NOW_S = NOW_MS / 1000;
const state = (patch: Partial<ExploreState>): ExploreState => ({ ...DEFAULT_EXPLORE_STATE, expr: "up", ...patch });

describe("resolveRun", () => {
  it("pins a relative range to the snapshot's clock and takes the step from the width", () => {
    expect(resolveRun(state({}), "global", { nowMs: NOW_MS, widthPx: 1200 }, 5)).toEqual({
      ok: true,
      range: { datasource: "global", expr: "up", startS: NOW_S - 3600, endS: NOW_S, stepS: 5 },
      instant: { datasource: "global", expr: "up", timeS: NOW_S },
      autoStep: true,
    });
  });

  it.each<[string, Partial<ExploreState>, number, number, number]>([
    ["1h over 1200px with a 1s floor", {}, 1200, 1, 3],
    ["7d over 1000px", { range: { from: "now-7d", to: "now" } }, 1000, 15, 605],
    ["a very wide chart never asks for more than 11,000 points", { range: { from: "now-7d", to: "now" } }, 100_000, 0.001, 55],
    ["a manual step wins over the width", { stepS: 60 }, 1200, 5, 60],
    ["a manual step too fine for the range is clamped", { range: { from: "now-7d", to: "now" }, stepS: 1 }, 1000, 5, 54.982],
  ])("%s", (_name, patch, widthPx, minStepS, expectedStepS) => {
    const run = resolveRun(state(patch), "global", { nowMs: NOW_MS, widthPx }, minStepS);
    expect(run.ok && run.range.stepS).toBe(expectedStepS);
  });

  it("gives the same parameters for the same snapshot, so query keys are stable", () => {
    const snapshot = { nowMs: NOW_MS, widthPx: 800 };
    expect(resolveRun(state({}), "east", snapshot, 5)).toEqual(resolveRun(state({}), "east", snapshot, 5));
  });

  it("reports an invalid or empty range instead of querying", () => {
    expect(resolveRun(state({ range: { from: "now", to: "now-1h" } }), "global", { nowMs: NOW_MS, widthPx: 800 }, 5)).toEqual({
      ok: false,
      error: '"from" must be before "to"',
    });
  });
});

describe("minStepForScrapeInterval", () => {
  it.each<[string | undefined, number]>([
    ["5s", 5],
    ["1m", 60],
    ["250ms", 0.25],
    [undefined, DEFAULT_MIN_STEP_S],
    ["soon", DEFAULT_MIN_STEP_S],
    ["0s", DEFAULT_MIN_STEP_S],
  ])("%j -> %s", (interval, expected) => {
    expect(minStepForScrapeInterval(interval)).toBe(expected);
  });
});
