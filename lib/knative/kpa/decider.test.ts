import { describe, expect, it } from "vitest";

import { resolveDeciderSpec, type AutoscalerConfig, type RevisionSettings } from "./config";
import { Decider, MaxTimeWindow } from "./decider";

const T0 = 1_000;

function decider(settings: RevisionSettings = {}, readyAtCreate = 0, opts: { reachable?: boolean; config?: Partial<AutoscalerConfig> } = {}) {
  return new Decider(resolveDeciderSpec(settings, opts.config, opts.reachable ?? true), T0, readyAtCreate);
}

describe("Decider: one tick (defaults: target 70, total 100, threshold 2, TBC 211)", () => {
  it.each<[string, RevisionSettings, { ready: number; stable: number; panic: number }, { desired: number; ebc: number; panicMode: boolean }]>([
    // dspc = ceil(0/70) = 0, maxDown = floor(10/2) = 5 → 5: halving.
    ["10 idle pods halve to 5", {}, { ready: 10, stable: 0, panic: 0 }, { desired: 5, ebc: 789, panicMode: false }],
    ["5 → 2", {}, { ready: 5, stable: 0, panic: 0 }, { desired: 2, ebc: 289, panicMode: false }],
    ["2 → 1", {}, { ready: 2, stable: 0, panic: 0 }, { desired: 1, ebc: -11, panicMode: false }],
    ["1 → 0 (floor(1/2) = 0)", {}, { ready: 1, stable: 0, panic: 0 }, { desired: 0, ebc: -111, panicMode: false }],
    // 3 idle pods: EBC = floor(3·100 − 211 − 0) = 89 ≥ 0.
    ["3 idle pods: EBC 89", {}, { ready: 3, stable: 0, panic: 0 }, { desired: 1, ebc: 89, panicMode: false }],
    // dspc = ceil(140/70) = 2; dppc = ceil(140/70)=2; 2/2 = 1 < 2.
    ["steady at target", {}, { ready: 2, stable: 140, panic: 140 }, { desired: 2, ebc: -151, panicMode: false }],
    // stable 141 → dspc = 3.
    ["just above target rounds up", {}, { ready: 2, stable: 141, panic: 141 }, { desired: 3, ebc: -152, panicMode: false }],
    // dppc = ceil(280/70) = 4; 4/2 = 2 ≥ 2 → panic: desired = max(desStable 1, desPanic 4) = 4.
    ["panic exactly at the threshold", {}, { ready: 2, stable: 0, panic: 280 }, { desired: 4, ebc: -291, panicMode: true }],
    // dppc = ceil(210/70) = 3; 3/2 = 1.5 < 2.
    ["below the threshold", {}, { ready: 2, stable: 0, panic: 210 }, { desired: 1, ebc: -221, panicMode: false }],
    // From 1 pod the up-rate allows ceil(1000·1) = 1000.
    ["max scale-up rate from 1 pod", {}, { ready: 1, stable: 1e6, panic: 0 }, { desired: 1000, ebc: -111, panicMode: false }],
    // max-scale-up-rate 2 at 3 pods: ceil(2·3) = 6.
    ["max scale-up rate 2", { maxScaleUpRate: 2 }, { ready: 3, stable: 7000, panic: 0 }, { desired: 6, ebc: 89, panicMode: false }],
    // CC = 10 → TotalValue 10: EBC = floor(10·ready − 211); 22 pods are the first with EBC ≥ 0.
    ["CC=10: 21 idle pods still below TBC", { containerConcurrency: 10 }, { ready: 21, stable: 0, panic: 0 }, { desired: 10, ebc: -1, panicMode: false }],
    ["CC=10: 22 idle pods → EBC 9", { containerConcurrency: 10 }, { ready: 22, stable: 0, panic: 0 }, { desired: 11, ebc: 9, panicMode: false }],
    ["TBC 0 → EBC 0", { targetBurstCapacity: 0 }, { ready: 1, stable: 0, panic: 50 }, { desired: 0, ebc: 0, panicMode: false }],
    ["TBC -1 → EBC -1", { targetBurstCapacity: -1 }, { ready: 9, stable: 0, panic: 0 }, { desired: 4, ebc: -1, panicMode: false }],
    // rps: target 140 rps, total 200; 280 rps → 2 pods; EBC = floor(2·200 − 211 − 280) = −91.
    ["rps target", { metric: "rps" }, { ready: 2, stable: 280, panic: 280 }, { desired: 2, ebc: -91, panicMode: false }],
    // rps target 300 × 0.7 = 210, total 300; 420 rps → 2; EBC = floor(600 − 211 − 420) = −31.
    ["rps target annotation", { metric: "rps", target: 300 }, { ready: 2, stable: 420, panic: 420 }, { desired: 2, ebc: -31, panicMode: false }],
    // activation-scale 3: dspc = ceil(1/70) = 1 > 0 → at least 3.
    ["activation scale lifts a small non-zero", { activationScale: 3 }, { ready: 0, stable: 1, panic: 1 }, { desired: 3, ebc: -212, panicMode: false }],
    ["activation scale leaves 0 alone", { activationScale: 3 }, { ready: 1, stable: 0, panic: 0 }, { desired: 0, ebc: -111, panicMode: false }],
    ["max-scale-down-rate 4", { maxScaleDownRate: 4 }, { ready: 10, stable: 0, panic: 0 }, { desired: 2, ebc: 789, panicMode: false }],
  ])("%s", (_name, settings, input, want) => {
    const d = decider(settings);
    const got = d.scale({ t: T0 + 2, readyPods: input.ready, stable: input.stable, panic: input.panic });
    expect(got).not.toBeNull();
    expect({ desired: got?.desiredPods, ebc: got?.ebc, panicMode: got?.panicMode }).toEqual(want);
    expect(d.desiredScale).toBe(want.desired);
  });

  it("an unreachable revision has no scale-down limit", () => {
    const d = decider({}, 0, { reachable: false });
    expect(d.scale({ t: T0 + 2, readyPods: 10, stable: 0, panic: 0 })?.desiredPods).toBe(0);
  });

  it("no data is INVALID: nothing changes", () => {
    const d = decider();
    expect(d.scale({ t: T0 + 2, readyPods: 4, stable: 140, panic: 140 })?.desiredPods).toBe(2);
    expect(d.scale({ t: T0 + 4, readyPods: 4, stable: null, panic: null })).toBeNull();
    expect(d.desiredScale).toBe(2);
  });

  it("starts with DesiredScale -1 and EBC from the initial scale", () => {
    expect(decider().desiredScale).toBe(-1);
    expect(decider().ebc).toBe(100 - 211);
    expect(decider({ initialScale: 5 }).ebc).toBe(500 - 211);
    expect(decider({ targetBurstCapacity: 0 }).ebc).toBe(0);
    expect(decider({ targetBurstCapacity: -1 }).ebc).toBe(-1);
  });
});

describe("Decider: panic mode", () => {
  it("burst from 1 pod to concurrency 300: panic at once, desired 5, no decrease until a stable window passes", () => {
    // Worked example (defaults, target 70): ready 1, panic = stable-ish 300.
    //   dppc = ceil(300/70) = ceil(4.29) = 5; 5 / max(1, 1) = 5 ≥ 2 → panic (panicTime = T0+2).
    //   dspc = ceil(60/70) = 1; maxDown = floor(1/2) = 0; maxUp = 1000 → desStable 1, desPanic 5.
    //   desired = max(1, 5) = 5 → maxPanicPods 5.
    // Then 5 ready pods and load falls to 70: dspc = dppc = 1, maxDown = floor(5/2) = 2 → desStable 2;
    //   1/5 < 2 → not over, but panicTime + 60 ≥ now until T0+62 → the ratchet keeps 5.
    // At T0+64 (> T0+2+60) panic ends and desired drops to 2 at once: the "cliff".
    const d = decider({}, 1);
    const first = d.scale({ t: T0 + 2, readyPods: 1, stable: 60, panic: 300 });
    expect(first).toMatchObject({ desiredPods: 5, panicMode: true, dspc: 1, dppc: 5, maxUp: 1000, maxDown: 0 });
    expect(first?.panicEntered).toEqual({ panic: 300, readyPods: 1, target: 70, threshold: 2 });
    const seen: number[] = [];
    for (let t = T0 + 4; t <= T0 + 62; t += 2) {
      const r = d.scale({ t, readyPods: 5, stable: 70, panic: 70 });
      expect(r?.panicMode).toBe(true);
      expect(r?.panicEntered).toBeUndefined();
      seen.push(r?.desiredPods ?? -1);
    }
    expect(new Set(seen)).toEqual(new Set([5]));
    const exit = d.scale({ t: T0 + 64, readyPods: 5, stable: 70, panic: 70 });
    expect(exit).toMatchObject({ panicMode: false, desiredPods: 2 });
  });

  it("exits strictly after the stable window: not at panicTime + window", () => {
    const d = decider({ window: 10 }, 1);
    d.scale({ t: T0, readyPods: 1, stable: 0, panic: 300 });
    expect(d.scale({ t: T0 + 10, readyPods: 5, stable: 0, panic: 0 })?.panicMode).toBe(true);
    expect(d.scale({ t: T0 + 11, readyPods: 5, stable: 0, panic: 0 })?.panicMode).toBe(false);
  });

  it("staying over the threshold extends the panic", () => {
    const d = decider({ window: 10 }, 1);
    d.scale({ t: T0, readyPods: 1, stable: 0, panic: 300 });
    d.scale({ t: T0 + 8, readyPods: 2, stable: 0, panic: 300 }); // 5/2 ≥ 2: extend to T0+8
    expect(d.scale({ t: T0 + 12, readyPods: 5, stable: 0, panic: 0 })?.panicMode).toBe(true);
    expect(d.scale({ t: T0 + 19, readyPods: 5, stable: 0, panic: 0 })?.panicMode).toBe(false);
  });

  it("the ratchet raises during panic", () => {
    const d = decider({}, 1);
    expect(d.scale({ t: T0 + 2, readyPods: 1, stable: 0, panic: 300 })?.desiredPods).toBe(5);
    // 2 pods, panic 700 → dppc 10; 10/2 = 5 ≥ 2 → desired 10.
    expect(d.scale({ t: T0 + 4, readyPods: 2, stable: 0, panic: 700 })?.desiredPods).toBe(10);
    expect(d.scale({ t: T0 + 6, readyPods: 10, stable: 0, panic: 0 })?.desiredPods).toBe(10);
  });

  it("a decider created over more than one ready pod starts in panic (restart safety)", () => {
    const d = decider({}, 4);
    expect(d.panicMode).toBe(true);
    // Idle: desStable = max(0, floor(4/2)) = 2, but maxPanicPods = 4 holds.
    expect(d.scale({ t: T0 + 2, readyPods: 4, stable: 0, panic: 0 })?.desiredPods).toBe(4);
    expect(d.scale({ t: T0 + 62, readyPods: 4, stable: 0, panic: 0 })?.desiredPods).toBe(2);
    expect(decider({}, 1).panicMode).toBe(false);
  });

  it("panic threshold annotation", () => {
    // threshold 1.5: dppc = ceil(210/70) = 3; 3/2 = 1.5 ≥ 1.5 → panic.
    const d = decider({ panicThresholdPercentage: 150 });
    expect(d.scale({ t: T0 + 2, readyPods: 2, stable: 0, panic: 210 })?.panicMode).toBe(true);
  });
});

describe("Decider: scale-down delay", () => {
  it("holds the max of the last delay's decisions", () => {
    // Worked example: delay 10 s → ceil(10/2) = 5 two-second slots.
    // T0 (slot 500): 10 ready, stable 700 → dspc 10 → raw 10. Then idle: raw = maxDown = floor(10/2) = 5.
    // Slots 501..504 still see the 10 of slot 500; at T0+10 (slot 505) 505 − 500 ≥ 5 evicts it → 5.
    const d = decider({ scaleDownDelay: 10 });
    expect(d.scale({ t: T0, readyPods: 10, stable: 700, panic: 700 })?.desiredPods).toBe(10);
    for (const t of [T0 + 2, T0 + 4, T0 + 6, T0 + 8]) {
      expect(d.scale({ t, readyPods: 10, stable: 0, panic: 0 })?.desiredPods).toBe(10);
    }
    expect(d.scale({ t: T0 + 10, readyPods: 10, stable: 0, panic: 0 })?.desiredPods).toBe(5);
  });

  it("applies immediately to increases", () => {
    const d = decider({ scaleDownDelay: 30 });
    d.scale({ t: T0, readyPods: 2, stable: 70, panic: 70 });
    expect(d.scale({ t: T0 + 2, readyPods: 2, stable: 200, panic: 200 })?.desiredPods).toBe(3);
  });

  it("is ignored for unreachable revisions", () => {
    const d = decider({ scaleDownDelay: 30 }, 0, { reachable: false });
    d.scale({ t: T0, readyPods: 2, stable: 700, panic: 0 });
    expect(d.scale({ t: T0 + 2, readyPods: 10, stable: 0, panic: 0 })?.desiredPods).toBe(0);
  });
});

describe("MaxTimeWindow", () => {
  it("is the max over the last N slots, two records in a slot keep the larger", () => {
    const w = new MaxTimeWindow(6); // 3 slots of 2 s
    w.record(100, 3);
    w.record(101, 1); // same slot 50
    expect(w.current()).toBe(3);
    w.record(102, 2);
    w.record(104, 1);
    expect(w.current()).toBe(3); // slots 50, 51, 52
    w.record(106, 1); // slot 53: 50 falls out
    expect(w.current()).toBe(2);
    w.record(108, 0);
    expect(w.current()).toBe(1);
  });
});
