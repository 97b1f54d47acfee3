import { describe, expect, it } from "vitest";

import { resolvePodAutoscalerSpec, type AutoscalerConfig, type RevisionSettings } from "./config";
import { PodAutoscaler, type ReconcileInput } from "./pod-autoscaler";

const T0 = 1_000;

function pa(settings: RevisionSettings = {}, opts: { ready?: number; reachable?: boolean; config?: Partial<AutoscalerConfig> } = {}) {
  return new PodAutoscaler(resolvePodAutoscalerSpec(settings, opts.config, opts.reachable ?? true), {
    t: T0,
    readyPods: opts.ready ?? 0,
  });
}

/** Reconciles every second from `from` to `to` inclusive with fixed inputs; returns the last result. */
function run(p: PodAutoscaler, from: number, to: number, input: Omit<ReconcileInput, "t">) {
  let last = p.reconcile({ t: from, ...input });
  for (let t = from + 1; t <= to; t++) last = p.reconcile({ t, ...input });
  return last;
}

describe("PodAutoscaler: bounds and initial scale", () => {
  it.each<[string, RevisionSettings, number, number]>([
    ["max-scale caps want", { maxScale: 5 }, 12, 5],
    ["min-scale lifts want", { minScale: 2 }, 0, 2],
    ["min-scale lifts want above 0", { minScale: 3 }, 1, 3],
    ["unbounded", {}, 40, 40],
  ])("%s", (_name, settings, desired, want) => {
    const p = pa(settings, { ready: 3 });
    const r = p.reconcile({ t: T0, desiredScale: desired, ebc: 10, readyPods: 3 });
    expect(r.want).toBe(want);
    expect(r.replicas).toBe(want);
    expect(r.requestedPods).toBe(want);
  });

  it("initial scale holds until first reached, then is ignored", () => {
    const p = pa({ initialScale: 3 });
    expect(p.replicas).toBe(3);
    // decider says 1, but the target has not been initialised: min = 3
    expect(p.reconcile({ t: T0, desiredScale: 1, ebc: -1, readyPods: 0 })).toMatchObject({ want: 3, state: "activating" });
    expect(p.reconcile({ t: T0 + 5, desiredScale: 1, ebc: -1, readyPods: 3 })).toMatchObject({ want: 3, state: "active" });
    expect(p.reconcile({ t: T0 + 6, desiredScale: 1, ebc: -1, readyPods: 3 })).toMatchObject({ want: 1, replicas: 1 });
  });

  it("an unreachable revision ignores min-scale and initial scale as bounds", () => {
    const p = pa({ minScale: 2, initialScale: 4 }, { reachable: false });
    expect(p.replicas).toBe(4); // the Deployment is created at the initial scale
    expect(p.reconcile({ t: T0, desiredScale: 1, ebc: -1, readyPods: 0 })).toMatchObject({ want: 1, replicas: 1 });
    expect(p.reconcile({ t: T0 + 1, desiredScale: 0, ebc: -1, readyPods: 0 }).want).toBe(-1); // activating: wait
  });

  it("while metrics are unknown (-1), an active PA leaves replicas alone", () => {
    const p = pa({}, { ready: 4 });
    expect(p.reconcile({ t: T0, desiredScale: -1, ebc: 89, readyPods: 4 })).toMatchObject({
      want: -1,
      replicas: 4,
      requestedPods: 4,
      state: "active",
    });
  });
});

describe("PodAutoscaler: SKS mode", () => {
  it.each<[number, number, "serve" | "proxy"]>([
    [3, 89, "serve"],
    [3, -11, "proxy"], // EBC < 0: activator in path
    [3, 0, "serve"],
  ])("want %d, EBC %d → %s", (desired, ebc, mode) => {
    const p = pa({}, { ready: 3 });
    expect(p.reconcile({ t: T0, desiredScale: desired, ebc, readyPods: 3 }).sksMode).toBe(mode);
  });
});

describe("PodAutoscaler: scale to zero", () => {
  it("Active → 1 until active for a stable window, then Inactive + Proxy, then 0 on the fast path", () => {
    const p = pa({}, { ready: 1 }); // active since T0, activator already in path (EBC < 0 at 1 pod)
    expect(run(p, T0, T0 + 59, { desiredScale: 0, ebc: -111, readyPods: 1 })).toMatchObject({
      want: 1,
      replicas: 1,
      state: "active",
    });
    // activeFor = 60 ≥ window: not applied, PA goes inactive.
    expect(p.reconcile({ t: T0 + 60, desiredScale: 0, ebc: -111, readyPods: 1 })).toMatchObject({
      want: 0,
      replicas: 1,
      state: "inactive",
      sksMode: "proxy",
    });
    // proxied since T0 ≥ 30 s grace: the fast path applies 0.
    expect(p.reconcile({ t: T0 + 61, desiredScale: 0, ebc: -111, readyPods: 1 })).toMatchObject({ replicas: 0 });
  });

  it("waits the grace period when the activator only just entered the path", () => {
    const p = pa({}, { ready: 3 });
    // 3 pods served directly (EBC 89) until the decider says 0 after the PA was long active.
    run(p, T0, T0 + 70, { desiredScale: 3, ebc: 89, readyPods: 3 });
    expect(p.reconcile({ t: T0 + 71, desiredScale: 0, ebc: 89, readyPods: 3 })).toMatchObject({ state: "inactive", sksMode: "proxy" });
    expect(run(p, T0 + 72, T0 + 100, { desiredScale: 0, ebc: 89, readyPods: 3 }).replicas).toBe(3);
    // inactive for 30 s = grace → 0.
    expect(p.reconcile({ t: T0 + 101, desiredScale: 0, ebc: 89, readyPods: 3 }).replicas).toBe(0);
  });

  it("keeps the last pod for the retention period", () => {
    const p = pa({ scaleToZeroPodRetentionPeriod: 120 }, { ready: 1 });
    run(p, T0, T0 + 60, { desiredScale: 0, ebc: -111, readyPods: 1 }); // inactive at T0+60
    expect(run(p, T0 + 61, T0 + 179, { desiredScale: 0, ebc: -111, readyPods: 1 }).replicas).toBe(1);
    expect(p.reconcile({ t: T0 + 180, desiredScale: 0, ebc: -111, readyPods: 1 }).replicas).toBe(0);
  });

  it("enable-scale-to-zero=false turns 0 into 1", () => {
    const p = pa({ enableScaleToZero: false }, { ready: 2 });
    expect(run(p, T0, T0 + 300, { desiredScale: 0, ebc: -11, readyPods: 2 })).toMatchObject({
      want: 1,
      replicas: 1,
      state: "active",
    });
  });

  it("min-scale keeps pods", () => {
    const p = pa({ minScale: 1 }, { ready: 1 });
    expect(run(p, T0, T0 + 300, { desiredScale: 0, ebc: -111, readyPods: 1 })).toMatchObject({ want: 1, state: "active" });
  });

  it("a stuck activation scales to 0 after progress deadline + 30 s", () => {
    const p = pa({}, { config: { progressDeadlineSeconds: 100 } });
    expect(run(p, T0, T0 + 129, { desiredScale: 0, ebc: -111, readyPods: 0 })).toMatchObject({
      want: -1,
      replicas: 1,
      state: "activating",
    });
    expect(p.reconcile({ t: T0 + 130, desiredScale: 0, ebc: -111, readyPods: 0 })).toMatchObject({
      want: 0,
      replicas: 0,
      state: "inactive",
    });
  });

  it("scale from zero: Inactive → want 1 → Activating → Active", () => {
    const p = pa({}, { ready: 1 });
    run(p, T0, T0 + 61, { desiredScale: 0, ebc: -111, readyPods: 1 });
    expect(p.replicas).toBe(0);
    expect(p.reconcile({ t: T0 + 100, desiredScale: 1, ebc: -111, readyPods: 0 })).toMatchObject({
      want: 1,
      replicas: 1,
      state: "activating",
      sksMode: "proxy",
    });
    expect(p.reconcile({ t: T0 + 105, desiredScale: 1, ebc: -111, readyPods: 1 })).toMatchObject({ state: "active" });
  });
});
