import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { replay, RevisionEngine, type RevisionModel, type RevisionSecond, type SecondSample } from "./engine";
import { revisionSettingsSchema, SettingsError, type RevisionSettings } from "./kpa/config";

const T0 = 1_000_000; // even, so the first second is a decider tick

/** Samples from T0, one per value. */
function samples(values: number[], rps?: number[]): SecondSample[] {
  return values.map((c, i) => ({ t: T0 + i, concurrency: c, rps: rps?.[i] ?? c }));
}
const constant = (v: number, n: number) => new Array<number>(n).fill(v);

function model(settings: RevisionSettings = {}, extra: Partial<RevisionModel> = {}): RevisionModel {
  return { settings, pods: { startupSeconds: 5 }, ...extra };
}

const decidedTicks = (out: RevisionSecond[]) => out.filter((r) => r.decided);
/** Distinct consecutive values. */
const runs = (xs: number[]) => xs.filter((x, i) => i === 0 || xs[i - 1] !== x);
const firstAt = (out: RevisionSecond[], pred: (r: RevisionSecond) => boolean) => out.find(pred)?.t;

describe("RevisionEngine: scale down", () => {
  it("10 idle pods halve one tick at a time: 10 → 5 → 2 → 1 → 0", () => {
    // Restart safety: 10 ready pods at creation start in panic, so 10 holds for a stable window first.
    const out = replay(model({}, { startReadyPods: 10 }), samples(constant(0, 200)));
    const ticks = decidedTicks(out);
    expect(runs(ticks.map((r) => r.desiredPods))).toEqual([10, 5, 2, 1, 0]);
    for (const r of ticks) expect(r.desiredPods).toBeGreaterThanOrEqual(Math.floor(Math.max(1, r.readyPods) / 2));
    // The drops are on consecutive ticks (2 s apart), as soon as the pods have gone.
    const drops = ticks.filter((r, i) => i > 0 && r.desiredPods < (ticks[i - 1]?.desiredPods ?? 0)).map((r) => r.t - T0);
    expect(drops).toEqual([62, 64, 66, 68]);
  });

  it("an unreachable revision drops straight to 0 once the restart panic ends", () => {
    const out = replay(model({}, { startReadyPods: 10, reachable: false }), samples(constant(0, 100)));
    expect(runs(decidedTicks(out).map((r) => r.desiredPods))).toEqual([10, 0]);
  });

  it("idle to zero with defaults takes 60–90 s", () => {
    const stopAt = 120;
    const out = replay(model({}, { startReadyPods: 1 }), samples([...constant(50, stopAt), ...constant(0, 200)]));
    const stop = T0 + stopAt;
    const requestedZero = firstAt(out, (r) => r.t >= stop && r.requestedPods === 0);
    const readyZero = firstAt(out, (r) => r.t >= stop && r.readyPods === 0);
    expect(requestedZero).toBeDefined();
    expect(readyZero).toBeDefined();
    // The 60 s window must fill with zeros first: nothing happens before 60 s.
    expect((requestedZero ?? 0) - stop).toBeGreaterThanOrEqual(60);
    expect((readyZero ?? 0) - stop).toBeLessThanOrEqual(90);
    expect(out.filter((r) => r.t < stop + 60).every((r) => r.desiredPods === 1)).toBe(true);
    // One pod: the activator was in the path all along.
    expect(out.every((r) => r.activatorInPath)).toBe(true);
    expect(out.find((r) => r.t === (requestedZero ?? 0))?.paState).toBe("inactive");
  });

  it("scale-down-delay holds each decision for the delay", () => {
    // No panic (threshold 1000 %), 10 pods at 700 → 10; then silence.
    const settings: RevisionSettings = { panicThresholdPercentage: 1000 };
    const input = samples([...constant(700, 100), ...constant(0, 150)]);
    const plain = decidedTicks(replay(model(settings, { startReadyPods: 1, pods: { startupSeconds: 0 } }), input));
    const delayed = decidedTicks(replay(model({ ...settings, scaleDownDelay: 30 }, { startReadyPods: 1, pods: { startupSeconds: 0 } }), input));
    const lastHigh = (ts: RevisionSecond[]) => [...ts].reverse().find((r) => r.desiredPods === 10)?.t ?? 0;
    const firstDropAfter = (ts: RevisionSecond[], after: number) => ts.find((r) => r.t > after && r.desiredPods < 10)?.t ?? 0;
    const plainLast = lastHigh(plain);
    expect(plainLast).toBeGreaterThan(T0 + 100);
    // The last decision of 10 (at plainLast) is the max of the 15 two-second slots until plainLast + 30.
    expect(firstDropAfter(delayed, T0 + 100) - plainLast).toBe(30);
  });
});

describe("RevisionEngine: bursts and panic", () => {
  it("burst from 1 pod to concurrency 300: panic at once, desired 5", () => {
    // Worked example (defaults): fresh windows, one sample of 300 → stable = panic = 300/1 (partial history).
    // dspc = dppc = ceil(300/70) = 5; 5 / max(1, 1 ready) = 5 ≥ 2 → panic; desired = max(5, 5) = 5.
    const out = replay(model({}, { startReadyPods: 1 }), samples(constant(300, 120)));
    expect(out[0]).toMatchObject({ decided: true, desiredPods: 5, panicMode: true, stable: 300, panic: 300, target: 70 });
    expect(out[0]?.panicEntered).toEqual({ panic: 300, readyPods: 1, target: 70, threshold: 2 });
    // The 4 new pods are pending during T0+1..T0+5, so the ticks at T0+2 and T0+4 still see 1 ready pod
    // and extend the panic (5/1 ≥ 2). From T0+6, 5/5 = 1 < 2; the panic ends strictly after T0+4+60.
    expect(out[5]).toMatchObject({ readyPods: 1, pendingPods: 4 });
    expect(out[6]).toMatchObject({ readyPods: 5, pendingPods: 0 });
    const inPanic = out.filter((r) => r.panicMode).map((r) => r.t - T0);
    expect(Math.max(...inPanic)).toBe(65); // the exit tick is T0+66
    expect(out.filter((r) => r.decided).every((r) => r.desiredPods === 5)).toBe(true);
    expect(out.filter((r) => r.panicEntered)).toHaveLength(1);
  });

  it("a ramp enters panic when the 6 s average crosses 2 × target × ready", () => {
    // Worked example: 1 pod at 10 for 60 s (no panic: dppc = 1), then 300 from T0+60.
    // T0+60 panic window (t=55..60): 5·10 + 300 = 350 / 6 = 58.333333 → dppc 1 → no panic.
    // T0+62 (t=57..62): 3·10 + 3·300 = 930 / 6 = 155 → dppc = ceil(2.21) = 3 ≥ 2·1 → panic.
    // stable at T0+62: 60 buckets t=3..62 = 57·10 + 3·300 = 1470 / 60 = 24.5 → dspc 1 → desired = 3.
    const out = replay(model({}, { startReadyPods: 1 }), samples([...constant(10, 60), ...constant(300, 60)]));
    const at = (s: number) => out.find((r) => r.t === T0 + s);
    expect(at(60)).toMatchObject({ panicMode: false, panic: 58.333333, desiredPods: 1 });
    expect(at(62)).toMatchObject({ panicMode: true, panic: 155, stable: 24.5, desiredPods: 3 });
    expect(at(62)?.panicEntered).toEqual({ panic: 155, readyPods: 1, target: 70, threshold: 2 });
    // No decrease while in panic.
    const panicTicks = decidedTicks(out).filter((r) => r.panicMode);
    for (let i = 1; i < panicTicks.length; i++) {
      expect(panicTicks[i]?.desiredPods).toBeGreaterThanOrEqual(panicTicks[i - 1]?.desiredPods ?? 0);
    }
  });

  it("max-scale bounds requested pods but not the decider's desire", () => {
    const out = replay(model({ maxScale: 4 }, { startReadyPods: 1 }), samples(constant(1000, 60)));
    expect(Math.max(...out.map((r) => r.desiredPods))).toBe(15); // ceil(1000/70)
    expect(Math.max(...out.map((r) => r.requestedPods))).toBe(4);
    expect(Math.max(...out.map((r) => r.readyPods + r.pendingPods))).toBe(4);
  });

  it("activation scale lifts the first decision", () => {
    const out = replay(model({ activationScale: 3 }, { startReadyPods: 1 }), samples(constant(1, 10)));
    expect(out[0]).toMatchObject({ desiredPods: 3, requestedPods: 3 });
  });

  it("scales on rps when metric=rps", () => {
    // rps 280 against target 140 → 2; concurrency is ignored.
    const out = replay(model({ metric: "rps" }, { startReadyPods: 1 }), samples(constant(0, 10), constant(280, 10)));
    expect(out[0]).toMatchObject({ desiredPods: 2, stable: 280, target: 140 });
  });

  it("weighted-exponential reads a short history low", () => {
    const out = replay(model({ aggregation: "weighted-exponential" }, { startReadyPods: 1 }), samples([100]));
    expect(out[0]?.stable).toBeCloseTo(100 * 0.2, 10); // alpha 0.2 for 60 buckets
  });
});

describe("RevisionEngine: activator in the path", () => {
  it.each<[string, RevisionSettings, number, boolean, number]>([
    // EBC = floor(ready·TotalValue − TBC − panic), idle.
    ["1 pod: EBC −111", { minScale: 1 }, 1, true, -111],
    ["2 pods: EBC −11", { minScale: 2 }, 2, true, -11],
    ["3 pods: EBC 89", { minScale: 3 }, 3, false, 89],
    ["CC=10, 21 pods: EBC −1", { minScale: 21, containerConcurrency: 10 }, 21, true, -1],
    ["CC=10, 22 pods: EBC 9", { minScale: 22, containerConcurrency: 10 }, 22, false, 9],
    ["TBC 0: never", { minScale: 1, targetBurstCapacity: 0 }, 1, false, 0],
    ["TBC −1: always", { minScale: 30, targetBurstCapacity: -1 }, 30, true, -1],
  ])("%s", (_name, settings, pods, inPath, ebc) => {
    const out = replay(model(settings, { startReadyPods: pods }), samples(constant(0, 120)));
    const last = out[out.length - 1];
    expect(last).toMatchObject({ activatorInPath: inPath, ebc, readyPods: pods });
  });
});

describe("RevisionEngine: scale from zero and cold start", () => {
  it("a request at an odd second pokes the decider: desired 1 at once", () => {
    const values = [...constant(0, 151), 1, ...constant(1, 30)];
    const out = replay(model({}, { startReadyPods: 1 }), samples(values));
    const before = out[150];
    expect(before).toMatchObject({ requestedPods: 0, readyPods: 0, desiredPods: 0 });
    const poke = out[151];
    expect((poke?.t ?? 0) % 2).toBe(1);
    expect(poke).toMatchObject({ decided: true, desiredPods: 1, requestedPods: 1, activatorInPath: true, paState: "activating" });
    // The pod is pending for the 5 s start-up, from the next second.
    for (let i = 152; i <= 156; i++) expect(out[i]).toMatchObject({ readyPods: 0, pendingPods: 1, activatorInPath: true });
    expect(out[157]).toMatchObject({ readyPods: 1, pendingPods: 0, paState: "active" });
  });

  it("a new revision starts at the initial scale, pending for startupSeconds, then the decider takes over", () => {
    const engine = new RevisionEngine(model({ initialScale: 3 }, { pods: { startupSeconds: 4 } }), T0);
    const seen: number[] = [];
    const out: RevisionSecond[] = [];
    for (let i = 0; i < 8; i++) {
      seen.push(engine.readyPods);
      out.push(engine.step({ t: T0 + i, concurrency: 0, rps: 0 }));
    }
    // The getter is what the step then reports as ready.
    expect(out.map((r) => r.readyPods)).toEqual(seen);
    expect(out.slice(0, 4).map((r) => [r.pendingPods, r.paState])).toEqual(new Array(4).fill([3, "activating"]));
    // No data before a pod is ready: the decider is INVALID and the PA holds the initial scale.
    expect(out.slice(0, 4).every((r) => !r.decided && r.desiredPods === -1 && r.requestedPods === 3)).toBe(true);
    // Ready at T0+4; once reached, initial scale no longer bounds: idle → 1 (active < stable window).
    expect(out[4]).toMatchObject({ readyPods: 3, paState: "active", requestedPods: 3 });
    expect(out[5]).toMatchObject({ requestedPods: 1 });
    expect(out[6]).toMatchObject({ readyPods: 1, terminatingPods: 2 });
  });

  it("removed pods stay terminating for terminationSeconds", () => {
    const out = replay(model({}, { startReadyPods: 1, pods: { startupSeconds: 1, terminationSeconds: 10 } }), samples(constant(0, 120)));
    const gone = firstAt(out, (r) => r.terminatingPods === 1) ?? 0;
    const until = out.filter((r) => r.terminatingPods === 1).map((r) => r.t);
    expect(until).toHaveLength(10);
    expect(out.find((r) => r.t === gone)).toMatchObject({ readyPods: 0, notReadyPods: 1 });
  });
});

describe("RevisionEngine: no data", () => {
  it("freezes the decider once the windows are empty (scraped revision)", () => {
    const out = replay(model({}, { startReadyPods: 1 }), samples(constant(0, 300)));
    const zeroAt = firstAt(out, (r) => r.readyPods === 0) ?? 0;
    const later = out.filter((r) => r.t > zeroAt + 61);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((r) => !r.decided && r.desiredPods === 0)).toBe(true);
  });
  it("keeps deciding with TBC = -1 (not scraped: no ErrNoData)", () => {
    const out = replay(model({ targetBurstCapacity: -1 }, { startReadyPods: 1 }), samples(constant(0, 300)));
    const zeroAt = firstAt(out, (r) => r.readyPods === 0) ?? 0;
    const later = out.filter((r) => r.t > zeroAt + 61 && r.t % 2 === 0);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((r) => r.decided && r.desiredPods === 0)).toBe(true);
  });
});

describe("RevisionEngine: input errors", () => {
  it("rejects samples that are not consecutive", () => {
    const engine = new RevisionEngine(model(), T0);
    engine.step({ t: T0, concurrency: 0, rps: 0 });
    expect(() => engine.step({ t: T0 + 2, concurrency: 0, rps: 0 })).toThrow(`expected t=${T0 + 1}, got ${T0 + 2}`);
  });
  it("rejects negative or non-finite values", () => {
    expect(() => new RevisionEngine(model(), T0).step({ t: T0, concurrency: -1, rps: 0 })).toThrow("non-negative");
    expect(() => new RevisionEngine(model(), T0).step({ t: T0, concurrency: NaN, rps: 0 })).toThrow("finite");
  });
  it("rejects invalid settings with the annotation named", () => {
    expect(() => new RevisionEngine(model({ window: 3 }), T0)).toThrow(SettingsError);
    expect(() => new RevisionEngine(model({ window: 3 }), T0)).toThrow("autoscaling.knative.dev/window must be between 6s and 1h");
  });
  it("rejects a bad pod model", () => {
    expect(() => new RevisionEngine({ settings: {}, pods: { startupSeconds: -1 } }, T0)).toThrow("pods.startupSeconds");
    expect(() => new RevisionEngine(model({}, { startReadyPods: 1.5 }), T0)).toThrow("startReadyPods");
  });
  it("replay of nothing is nothing", () => expect(replay(model(), [])).toEqual([]));
});

// ---- properties -------------------------------------------------------------------------------

const settingsArb: fc.Arbitrary<RevisionSettings> = fc
  .record({
    window: fc.integer({ min: 6, max: 120 }),
    panicWindowPercentage: fc.integer({ min: 1, max: 100 }),
    panicThresholdPercentage: fc.integer({ min: 110, max: 1000 }),
    maxScaleDownRate: fc.double({ min: 1.1, max: 10, noNaN: true }),
    maxScaleUpRate: fc.double({ min: 1.1, max: 1000, noNaN: true }),
    target: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
    targetUtilizationPercentage: fc.integer({ min: 1, max: 100 }),
    containerConcurrency: fc.integer({ min: 0, max: 50 }),
    targetBurstCapacity: fc.constantFrom(-1, 0, 50, 211, 500),
    minScale: fc.integer({ min: 0, max: 4 }),
    maxExtra: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    scaleDownDelay: fc.constantFrom(0, 0, 4, 10, 30),
    activationScale: fc.option(fc.integer({ min: 2, max: 5 }), { nil: undefined }),
    aggregation: fc.constantFrom("linear" as const, "weighted-exponential" as const),
    scaleToZeroPodRetentionPeriod: fc.constantFrom(0, 0, 20),
  })
  .map(({ maxExtra, ...s }) => {
    const maxScale = maxExtra === undefined ? 0 : Math.max(s.minScale, 1) + maxExtra;
    const { target, activationScale, ...rest } = s;
    return {
      ...rest,
      maxScale,
      ...(target === undefined ? {} : { target }),
      ...(activationScale === undefined ? {} : { activationScale }),
    };
  })
  .filter((s) => revisionSettingsSchema.safeParse(s).success);

const modelArb: fc.Arbitrary<RevisionModel> = fc.record({
  settings: settingsArb,
  pods: fc.record({ startupSeconds: fc.integer({ min: 0, max: 20 }), terminationSeconds: fc.integer({ min: 0, max: 40 }) }),
  reachable: fc.boolean(),
  startReadyPods: fc.integer({ min: 0, max: 10 }),
});

/** Piecewise-constant concurrency: bursts, plateaus and silences. */
const samplesArb: fc.Arbitrary<SecondSample[]> = fc
  .array(fc.record({ c: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 800 })), len: fc.integer({ min: 1, max: 60 }) }), {
    minLength: 1,
    maxLength: 16,
  })
  .map((segs) => samples(segs.flatMap(({ c, len }) => constant(c, len))));

describe("RevisionEngine properties", () => {
  it("requested ≤ max-scale; desired ≥ ready ÷ max-scale-down-rate; no decrease in panic", () => {
    fc.assert(
      fc.property(modelArb, samplesArb, (m, input) => {
        const out = replay(m, input);
        const maxScale = m.settings.maxScale ?? 0;
        const rate = m.settings.maxScaleDownRate ?? 2;
        let prev: RevisionSecond | undefined;
        for (const r of out) {
          if (maxScale > 0) {
            expect(r.requestedPods).toBeLessThanOrEqual(maxScale);
            expect(r.readyPods + r.pendingPods).toBeLessThanOrEqual(Math.max(maxScale, m.startReadyPods ?? 0));
          }
          if (!r.decided) continue;
          // Knative's scale-down limit is relative to the ready pods the tick saw.
          if (m.reachable) {
            expect(r.desiredPods).toBeGreaterThanOrEqual(Math.floor(Math.max(1, r.readyPods) / rate));
            // Hence, once the pods have caught up with the last decision, one tick cuts at most by the rate.
            if (prev && prev.desiredPods > 0 && r.readyPods === prev.desiredPods) {
              expect(r.desiredPods).toBeGreaterThanOrEqual(Math.floor(prev.desiredPods / rate));
            }
          }
          // The panic ratchet. (With a scale-down delay a pre-panic maximum can still expire mid-panic.)
          const delayed = m.reachable && (m.settings.scaleDownDelay ?? 0) > 0;
          if (prev?.panicMode && r.panicMode && !delayed) expect(r.desiredPods).toBeGreaterThanOrEqual(prev.desiredPods);
          prev = r;
        }
      }),
      { numRuns: 150 },
    );
  });

  it("replay(model, samples) equals stepping a fresh engine, and is deterministic", () => {
    fc.assert(
      fc.property(modelArb, samplesArb, (m, input) => {
        const engine = new RevisionEngine(m, input[0]?.t ?? T0);
        const stepped = input.map((s) => engine.step(s));
        expect(replay(m, input)).toEqual(stepped);
        expect(replay(m, input)).toEqual(replay(m, input));
      }),
      { numRuns: 60 },
    );
  });
});
