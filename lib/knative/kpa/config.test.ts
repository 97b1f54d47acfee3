import { describe, expect, it } from "vitest";

import {
  DEFAULT_AUTOSCALER_CONFIG,
  parseAnnotations,
  resolveDeciderSpec,
  resolveMetricTarget,
  resolvePodAutoscalerSpec,
  revisionSettingsSchema,
  SettingsError,
  settingsFromAnnotations,
  type RevisionSettings,
} from "./config";
import { parseGoDuration } from "./annotations";

const A = (k: string) => `autoscaling.knative.dev/${k}`;

describe("resolveMetricTarget (ResolveMetricTarget, target_test.go)", () => {
  it.each<[string, RevisionSettings, { targetValue: number; totalValue: number }]>([
    ["concurrency defaults: 100 × 0.7", {}, { targetValue: 70, totalValue: 100 }],
    ["rps defaults: 200 × 0.7", { metric: "rps" }, { targetValue: 140, totalValue: 200 }],
    ["rps target 300 → 210", { metric: "rps", target: 300 }, { targetValue: 210, totalValue: 300 }],
    ["rps TU 75% → 150", { metric: "rps", targetUtilizationPercentage: 75 }, { targetValue: 150, totalValue: 200 }],
    ["CC=10 → total 10, target 7", { containerConcurrency: 10 }, { targetValue: 7, totalValue: 10 }],
    ["target above CC is capped at CC", { containerConcurrency: 10, target: 50 }, { targetValue: 7, totalValue: 10 }],
    ["target below CC wins", { containerConcurrency: 10, target: 4 }, { targetValue: 2.8, totalValue: 4 }],
    ["rps ignores CC", { metric: "rps", containerConcurrency: 10, target: 50 }, { targetValue: 35, totalValue: 50 }],
    ["TU 100%", { target: 10, targetUtilizationPercentage: 100 }, { targetValue: 10, totalValue: 10 }],
    ["never below TargetMin 0.01", { target: 0.01, targetUtilizationPercentage: 1 }, { targetValue: 0.01, totalValue: 0.01 }],
  ])("%s", (_name, settings, want) => {
    const got = resolveMetricTarget(settings);
    expect(got.totalValue).toBe(want.totalValue);
    expect(got.targetValue).toBeCloseTo(want.targetValue, 10);
  });

  it("uses the ConfigMap defaults it is given", () => {
    const got = resolveMetricTarget({}, { containerConcurrencyTargetDefault: 10, containerConcurrencyTargetFraction: 0.5 });
    expect(got).toEqual({ targetValue: 5, totalValue: 10 });
  });
});

describe("resolveDeciderSpec", () => {
  it("has Knative's defaults", () => {
    const s = resolveDeciderSpec({});
    expect(s).toMatchObject({
      metric: "concurrency",
      targetValue: 70,
      totalValue: 100,
      panicThreshold: 2,
      stableWindowSeconds: 60,
      panicWindowSeconds: 6,
      maxScaleUpRate: 1000,
      maxScaleDownRate: 2,
      activationScale: 1,
      targetBurstCapacity: 211,
      scaleDownDelaySeconds: 0,
      initialScale: 1,
      reachable: true,
      aggregation: "linear",
    });
  });

  it.each([
    // panic window = round(window × pct / 100), half away from zero, at least 1 s
    [60, 10, 6],
    [6, 1, 1], // 0.06 s → 1 s minimum
    [45, 10, 5], // 4.5 → 5
    [25, 10, 3], // 2.5 → 3
    [100, 33, 33],
    [3600, 100, 3600],
  ])("window %ds × %d%% → panic window %ds", (window, pct, want) => {
    expect(resolveDeciderSpec({ window, panicWindowPercentage: pct }).panicWindowSeconds).toBe(want);
  });

  it("takes annotations over the ConfigMap", () => {
    const s = resolveDeciderSpec(
      { panicThresholdPercentage: 150, targetBurstCapacity: -1, scaleDownDelay: 30, activationScale: 3 },
      { maxScaleDownRate: 4, panicThresholdPercentage: 300 },
      false,
    );
    expect(s).toMatchObject({ panicThreshold: 1.5, targetBurstCapacity: -1, scaleDownDelaySeconds: 30, activationScale: 3 });
    expect(s.maxScaleDownRate).toBe(4);
    expect(s.reachable).toBe(false);
  });

  it.each([
    [{}, {}, 1],
    [{ initialScale: 5 }, {}, 5],
    [{ initialScale: 0 }, {}, 1], // 0 not allowed: ConfigMap value
    [{ initialScale: 0 }, { allowZeroInitialScale: true }, 0],
    [{}, { initialScale: 3 }, 3],
  ])("initial scale %j with config %j → %d", (settings, config, want) => {
    expect(resolveDeciderSpec(settings, config).initialScale).toBe(want);
  });
});

describe("resolvePodAutoscalerSpec", () => {
  it("ignores min-scale and retention when unreachable", () => {
    const s = resolvePodAutoscalerSpec({ minScale: 3, scaleToZeroPodRetentionPeriod: 60 }, undefined, false);
    expect(s.minScale).toBe(0);
    expect(s.scaleToZeroPodRetentionPeriodSeconds).toBe(0);
    expect(resolvePodAutoscalerSpec({ minScale: 3 }).minScale).toBe(3);
  });

  it("caps max-scale at max-scale-limit", () => {
    expect(resolvePodAutoscalerSpec({}, { maxScaleLimit: 10 }).maxScale).toBe(10);
    expect(resolvePodAutoscalerSpec({ maxScale: 20 }, { maxScaleLimit: 10 }).maxScale).toBe(10);
    expect(resolvePodAutoscalerSpec({ maxScale: 5 }, { maxScaleLimit: 10 }).maxScale).toBe(5);
  });

  it("activation timeout is progress deadline + 30 s", () => {
    expect(resolvePodAutoscalerSpec({}).activationTimeoutSeconds).toBe(DEFAULT_AUTOSCALER_CONFIG.progressDeadlineSeconds + 30);
  });
});

describe("revisionSettingsSchema bounds", () => {
  it.each<[RevisionSettings, string]>([
    [{ window: 5 }, "autoscaling.knative.dev/window must be between 6s and 1h"],
    [{ window: 3601 }, "autoscaling.knative.dev/window must be between 6s and 1h"],
    [{ window: 6.5 }, "autoscaling.knative.dev/window must be whole seconds"],
    [{ target: 0 }, "autoscaling.knative.dev/target must be at least 0.01"],
    [{ targetUtilizationPercentage: 0.5 }, "autoscaling.knative.dev/target-utilization-percentage must be between 1 and 100"],
    [{ panicWindowPercentage: 101 }, "autoscaling.knative.dev/panic-window-percentage must be between 1 and 100"],
    [{ panicThresholdPercentage: 100 }, "autoscaling.knative.dev/panic-threshold-percentage must be between 110 and 1000"],
    [{ targetBurstCapacity: -2 }, "autoscaling.knative.dev/target-burst-capacity must be at least 0, or -1 (unlimited)"],
    [{ minScale: -1 }, "autoscaling.knative.dev/min-scale must be at least 0"],
    [{ minScale: 5, maxScale: 3 }, "autoscaling.knative.dev/max-scale must be at least autoscaling.knative.dev/min-scale"],
    [{ activationScale: 1 }, "autoscaling.knative.dev/activation-scale must be at least 2"],
    [{ activationScale: 5, maxScale: 3 }, "autoscaling.knative.dev/activation-scale must be at most autoscaling.knative.dev/max-scale"],
    [{ scaleDownDelay: 3601 }, "autoscaling.knative.dev/scale-down-delay must be between 0s and 1h"],
    [{ maxScaleDownRate: 1 }, "max-scale-down-rate must be greater than 1"],
    [{ maxScaleUpRate: 0.5 }, "max-scale-up-rate must be greater than 1"],
    [{ scaleToZeroGracePeriod: 0 }, "scale-to-zero-grace-period must be greater than 0"],
    [{ containerConcurrency: 1001 }, "containerConcurrency must be at most 1000"],
  ])("%j → %s", (settings, message) => {
    const r = revisionSettingsSchema.safeParse(settings);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join("\n")).toContain(message);
  });

  it.each<RevisionSettings>([
    {},
    { window: 6, panicWindowPercentage: 1, panicThresholdPercentage: 110 },
    { window: 3600, targetBurstCapacity: -1, maxScale: 0, minScale: 4 },
    { activationScale: 3, minScale: 2, maxScale: 3 },
  ])("accepts %j", (settings) => {
    expect(revisionSettingsSchema.safeParse(settings).success).toBe(true);
  });
});

describe("parseGoDuration", () => {
  it.each([
    ["60s", 60],
    ["1m", 60],
    ["1m30s", 90],
    ["1h", 3600],
    ["1.5m", 90],
    ["0", 0],
    ["500ms", 0.5],
  ])("%s → %d s", (text, want) => expect(parseGoDuration(text)).toBe(want));

  it.each(["60", "", "1x", "s", "1m 30s"])("rejects %j", (text) => expect(parseGoDuration(text)).toBeNull());
});

describe("settingsFromAnnotations", () => {
  it("reads kebab-case keys", () => {
    expect(
      settingsFromAnnotations(
        {
          [A("metric")]: "rps",
          [A("target")]: "150",
          [A("target-utilization-percentage")]: "80",
          [A("window")]: "2m",
          [A("panic-window-percentage")]: "5.5",
          [A("panic-threshold-percentage")]: "300",
          [A("target-burst-capacity")]: "-1",
          [A("min-scale")]: "1",
          [A("max-scale")]: "10",
          [A("initial-scale")]: "2",
          [A("activation-scale")]: "2",
          [A("scale-down-delay")]: "30s",
          [A("scale-to-zero-pod-retention-period")]: "1m",
          [A("metric-aggregation-algorithm")]: "weightedExponential",
          [A("class")]: "kpa.autoscaling.knative.dev",
          "unrelated/annotation": "x",
        },
        10,
      ),
    ).toEqual({
      metric: "rps",
      target: 150,
      targetUtilizationPercentage: 80,
      window: 120,
      panicWindowPercentage: 5.5,
      panicThresholdPercentage: 300,
      targetBurstCapacity: -1,
      minScale: 1,
      maxScale: 10,
      initialScale: 2,
      activationScale: 2,
      scaleDownDelay: 30,
      scaleToZeroPodRetentionPeriod: 60,
      aggregation: "weighted-exponential",
      containerConcurrency: 10,
    });
  });

  it("reads the legacy camelCase aliases", () => {
    expect(
      settingsFromAnnotations({
        [A("minScale")]: "2",
        [A("maxScale")]: "4",
        [A("targetBurstCapacity")]: "0",
        [A("panicWindowPercentage")]: "20",
        [A("panicThresholdPercentage")]: "150",
        [A("targetUtilizationPercentage")]: "90",
        [A("initialScale")]: "3",
        [A("scaleDownDelay")]: "10s",
        [A("scaleToZeroPodRetentionPeriod")]: "5s",
      }),
    ).toEqual({
      minScale: 2,
      maxScale: 4,
      targetBurstCapacity: 0,
      panicWindowPercentage: 20,
      panicThresholdPercentage: 150,
      targetUtilizationPercentage: 90,
      initialScale: 3,
      scaleDownDelay: 10,
      scaleToZeroPodRetentionPeriod: 5,
    });
  });

  it.each<[Record<string, string>, string, string]>([
    [{ [A("window")]: "5s" }, A("window"), "between 6s and 1h"],
    [{ [A("window")]: "60" }, A("window"), "is not a duration"],
    [{ [A("window")]: "6.5s" }, A("window"), "whole seconds"],
    [{ [A("minScale")]: "-1" }, A("minScale"), "at least 0"],
    [{ [A("min-scale")]: "two" }, A("min-scale"), "not a whole number"],
    [{ [A("maxScale")]: "2", [A("minScale")]: "3" }, A("maxScale"), "must be at least"],
    [{ [A("panicThresholdPercentage")]: "50" }, A("panicThresholdPercentage"), "between 110 and 1000"],
    [{ [A("metric")]: "cpu" }, A("metric"), "not supported by the KPA"],
    [{ [A("class")]: "hpa.autoscaling.knative.dev" }, A("class"), "not simulated"],
    [{ [A("target")]: "abc" }, A("target"), "not a number"],
    [{ [A("min-scale")]: "1", [A("minScale")]: "2" }, A("min-scale"), "set more than once"],
  ])("%j → error naming %s", (annotations, annotation, message) => {
    const { issues } = parseAnnotations(annotations);
    expect(issues).toContainEqual({ annotation, message: expect.stringContaining(message) });
    expect(() => settingsFromAnnotations(annotations)).toThrow(SettingsError);
    expect(() => settingsFromAnnotations(annotations)).toThrow(annotation);
  });

  it("names containerConcurrency when it is out of range", () => {
    expect(parseAnnotations({}, 2000).issues).toEqual([
      { annotation: "containerConcurrency", message: "containerConcurrency must be at most 1000" },
    ]);
  });
});
