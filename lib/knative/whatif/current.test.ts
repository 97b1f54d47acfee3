import { describe, expect, it } from "vitest";
import { capacityRuleText, currentValues } from "./current";

describe("currentValues", () => {
  it("shows Knative's defaults for a revision with no settings", () => {
    expect(currentValues({}, 5)).toEqual({
      target: "100",
      targetUtilizationPercentage: "70",
      containerConcurrency: "0 (unlimited)",
      window: "60",
      panicWindowPercentage: "10",
      panicThresholdPercentage: "200",
      maxScaleUpRate: "1000",
      maxScaleDownRate: "2",
      minScale: "0",
      maxScale: "0 (unlimited)",
      scaleToZeroGracePeriod: "30",
      targetBurstCapacity: "211",
      startupSeconds: "5",
    });
  });

  it.each([
    ["CC is the target total when no target is set", { containerConcurrency: 10 }, { target: "10", containerConcurrency: "10" }],
    ["a target above CC is capped at CC", { containerConcurrency: 10, target: 50 }, { target: "10" }],
    ["rps revisions default to 200 rps", { metric: "rps" as const }, { target: "200" }],
    ["the revision's own values", { window: 120, targetUtilizationPercentage: 85, maxScale: 7, minScale: 1, targetBurstCapacity: -1 }, { window: "120", targetUtilizationPercentage: "85", maxScale: "7", minScale: "1", targetBurstCapacity: "-1" }],
  ])("%s", (_name, settings, expected) => {
    expect(currentValues(settings, 3)).toMatchObject(expected);
  });
});

describe("capacityRuleText", () => {
  it.each([
    ["concurrency", 0, "per-pod target"],
    ["concurrency", undefined, "per-pod target"],
    ["concurrency", 8, "containerConcurrency (8"],
    ["rps", 8, "rps target"],
  ] as const)("%s with CC %s mentions %s", (kind, cc, fragment) => {
    expect(capacityRuleText(kind, cc)).toContain(fragment);
  });
});
