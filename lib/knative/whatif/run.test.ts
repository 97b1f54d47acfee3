import { describe, expect, it } from "vitest";
import { replay } from "@/lib/knative/engine";
import type { RevisionSettings } from "@/lib/knative/kpa/config";
import type { RecordedRun } from "./recorded";
import { mergeSettings, panicWindowSeconds, runWhatIf, warmupSecondsFor } from "./run";

const START = 1_700_000_000;

/** Idle, steady 50, a burst to 400, steady 120, idle: one value per second. */
function loadPattern(): number[] {
  const parts: Array<[number, number]> = [[60, 0], [300, 50], [30, 400], [300, 120], [240, 0]];
  return parts.flatMap(([seconds, value]) => new Array<number>(seconds).fill(value));
}

/** A recorded run whose "actual" pods come from the engine itself (an exact recording). */
function recordedFromEngine(load: number[], settings: RevisionSettings, startupSeconds: number, loadKind: "concurrency" | "rps" = "concurrency"): RecordedRun {
  const warm = warmupSecondsFor(settings, startupSeconds);
  const samples = [...new Array<number>(warm).fill(load[0]!), ...load].map((v, i) => ({
    t: START - warm + i,
    concurrency: loadKind === "concurrency" ? v : 0,
    rps: loadKind === "rps" ? v : 0,
  }));
  const out = replay({ settings: { ...settings, metric: loadKind }, pods: { startupSeconds } }, samples).slice(warm);
  return {
    startS: START,
    endS: START + load.length - 1,
    loadKind,
    load,
    ready: out.map((s) => s.readyPods),
    panicMode: out.map((s) => (s.panicMode ? 1 : 0)),
    target: out.map((s) => s.target),
    requested: out.map((s) => s.requestedPods),
    missingLoadSeconds: 0,
    estimatedStartupSeconds: startupSeconds,
  };
}

describe("runWhatIf", () => {
  const settings: RevisionSettings = { target: 10 };
  const run = recordedFromEngine(loadPattern(), settings, 4);

  it("with no overrides, the replay of an exact recording reproduces the actual totals and pods", () => {
    const r = runWhatIf(run, settings, {});
    expect(r.baseline.seconds.map((s) => s.readyPods)).toEqual(run.ready);
    expect(r.predicted.totals).toEqual(r.actual);
    expect(r.actual.podSeconds).toBeGreaterThan(0);
    expect(r.actual.panics).toBeGreaterThanOrEqual(1); // the burst to 400 with 5 pods at target 7
    expect(r.actual.coldStarts).toBe(1); // idle at the start, then traffic
  });

  it.each([
    ["a higher target needs fewer pod-seconds", { target: 40 }, "fewer"],
    ["a lower utilization needs more pod-seconds", { targetUtilizationPercentage: 30 }, "more"],
    ["min scale 8 needs more pod-seconds", { minScale: 8 }, "more"],
  ] as const)("%s", (_name, overrides, direction) => {
    const r = runWhatIf(run, settings, overrides);
    if (direction === "fewer") expect(r.predicted.totals.podSeconds).toBeLessThan(r.actual.podSeconds);
    else expect(r.predicted.totals.podSeconds).toBeGreaterThan(r.actual.podSeconds);
    expect(r.baseline.totals).toEqual(r.actual); // the baseline does not move with the overrides
  });

  it("min scale holds from the first second (the warm-up settles the replay) and removes cold starts", () => {
    const r = runWhatIf(run, settings, { minScale: 3 });
    expect(Math.min(...r.predicted.seconds.map((s) => s.readyPods))).toBeGreaterThanOrEqual(3);
    expect(r.predicted.totals.coldStarts).toBe(0);
  });

  it("max scale 2 caps the pods and leaves more seconds over capacity", () => {
    const r = runWhatIf(run, settings, { maxScale: 2 });
    expect(Math.max(...r.predicted.seconds.map((s) => s.readyPods))).toBeLessThanOrEqual(2);
    expect(r.predicted.totals.overCapacitySeconds).toBeGreaterThan(r.actual.overCapacitySeconds);
  });

  it("a higher panic threshold gives no more panics than the actual run", () => {
    const r = runWhatIf(run, settings, { panicThresholdPercentage: 1000 });
    expect(r.predicted.totals.panics).toBeLessThan(r.actual.panics);
  });

  it("containerConcurrency becomes the capacity: CC 1 with 120 concurrent is over capacity unless 120 pods are ready", () => {
    const r = runWhatIf(run, settings, { containerConcurrency: 1, maxScale: 50 });
    const busy = run.load.filter((v) => v > 50).length;
    expect(r.predicted.totals.overCapacitySeconds).toBeGreaterThanOrEqual(busy);
  });

  it("an rps revision replays rps with the rps target", () => {
    const rps = recordedFromEngine(loadPattern(), { target: 30 }, 2, "rps");
    const r = runWhatIf(rps, { target: 30 }, { target: 120 });
    expect(r.predicted.settings.metric).toBe("rps");
    expect(r.baseline.seconds.map((s) => s.readyPods)).toEqual(rps.ready);
    expect(r.predicted.totals.podSeconds).toBeLessThan(r.actual.podSeconds);
  });

  it.each([
    [{ startupSeconds: 9 }, 4, 9, "user"],
    [{}, 4, 4, "recorded"],
    [{}, null, 5, "default"],
  ] as const)("start-up: overrides %j with recorded %s → %s s (%s)", (overrides, recorded, seconds, source) => {
    const r = runWhatIf({ ...run, estimatedStartupSeconds: recorded }, settings, overrides);
    expect(r.startupSeconds).toBe(seconds);
    expect(r.startupSource).toBe(source);
  });

  it("settings that Knative would refuse (min above the revision's max) fail with the annotation's name", () => {
    expect(() => runWhatIf(run, { ...settings, maxScale: 3 }, { minScale: 5 })).toThrow(/max-scale/);
  });
});

describe("helpers", () => {
  it("mergeSettings puts overrides on top and keeps the pod model out", () => {
    expect(mergeSettings({ target: 10, minScale: 1 }, { target: 20, startupSeconds: 3 })).toEqual({ target: 20, minScale: 1 });
  });
  it.each([
    [{}, 6],
    [{ window: 120 }, 12],
    [{ window: 10, panicWindowPercentage: 1 }, 1],
  ])("panic window of %j is %i s", (settings, seconds) => {
    expect(panicWindowSeconds(settings)).toBe(seconds);
  });
});
