import { describe, expect, it } from "vitest";
import type { MatrixSeries } from "@/lib/promql/types";
import { describePanicEntry, explainMoment, formatNumber } from "./explain";
import { revisionEvents } from "./events";
import { findRevisionConfig, viewSettingsFor } from "./settings";
import { perPod, timelineFromMatrix, timelineQuery, type Timeline } from "./timeline";

const START = 1_700_000_000;
const STEP = 10;

/** A matrix as Prometheus returns it for `timelineQuery`, from per-metric arrays (null = no sample). */
function matrix(names: Record<string, Array<number | null>>): MatrixSeries[] {
  return Object.entries(names).map(([name, vals]) => ({
    metric: { __name__: name },
    values: vals.flatMap((v, i) => (v === null ? [] : [[START + i * STEP, String(v)] as [number, string]])),
  }));
}

function oc(names: Record<string, Array<number | null>>, n: number): Timeline {
  return timelineFromMatrix(matrix(names), "opencensus", START, START + (n - 1) * STEP, STEP);
}

const defaults = viewSettingsFor(null);

describe("timeline", () => {
  it("queries every gauge of the revision in one max by (__name__)", () => {
    const q = timelineQuery({ namespace: "media", service: "t", configuration: "t", revision: 't"x', metricSet: "otel" });
    expect(q).toMatch(/^max by \(__name__\) \(\{__name__=~"kn_revision_pods_desired\|.*kn_revision_panic_mode\|.*",k8s_namespace_name="media",kn_revision_name="t\\"x"\}\)$/);
    expect(q).not.toContain("kn_revision_request_concurrency");
  });

  it("puts samples on the grid, leaves holes null, and ignores other names", () => {
    const tl = timelineFromMatrix(
      [...matrix({ autoscaler_actual_pods: [1, null, 3], kn_revision_pods_count: [9, 9, 9] }), { metric: { __name__: "autoscaler_desired_pods" }, values: [[START + 20.0004, "NaN"]] }],
      "opencensus", START, START + 20, STEP,
    );
    expect(tl.times).toEqual([START, START + 10, START + 20]);
    expect(tl.values.ready).toEqual([1, null, 3]);
    expect(tl.values.desired).toEqual([null, null, null]);
    expect(tl.mode).toBe("concurrency");
  });

  it("switches to rps mode when only the RPS gauges exist", () => {
    const tl = oc({ autoscaler_stable_requests_per_second: [5, 6] }, 2);
    expect(tl.mode).toBe("rps");
  });

  it("divides by ready clamped to 1", () => {
    expect(perPod([10, 10, null, 10], [0, 4, 1, null])).toEqual([10, 2.5, null, null]);
  });
});

describe("revisionEvents", () => {
  // ready 10 before the burst; panic 412 against target 7 → ceil(412/7)=59 ≥ 2 × 10.
  const tl = oc(
    {
      autoscaler_actual_pods: [10, 10, 10, 30, 30, 30, 0, 0, 0, 2],
      autoscaler_desired_pods: [10, 10, 59, 59, 59, 10, 0, 0, 1, 1],
      autoscaler_requested_pods: [10, 10, 59, 59, 59, 10, 0, 0, 1, 1],
      autoscaler_panic_request_concurrency: [60, 60, 412, 400, 100, 60, 0, 0, 1, 1],
      autoscaler_stable_request_concurrency: [60, 60, 120, 200, 150, 60, 0, 0, 1, 1],
      autoscaler_target_concurrency_per_pod: [7, 7, 7, 7, 7, 7, 7, 7, 7, 7],
      autoscaler_panic_mode: [0, 0, 1, 1, 1, 0, 0, 0, 0, 0],
      autoscaler_excess_burst_capacity: [5, 5, -3, -3, 10, 10, -211, -211, -211, -12],
    },
    10,
  );
  const events = revisionEvents(tl, { threshold: defaults.panicThreshold, panicWindowSeconds: defaults.panicWindowSeconds });

  it("finds the panic band and its reason at entry", () => {
    expect(events.panic).toHaveLength(1);
    const band = events.panic[0]!;
    expect([band.startS, band.endS]).toEqual([START + 20, START + 50]);
    expect(band.entry).toMatchObject({ panic: 412, readyPods: 10, target: 7, threshold: 2, holds: true });
    expect(describePanicEntry(band.entry!)).toBe("panic: 6s average 412 ≥ 2 × 10 pods × 7 target");
  });

  it("shades the activator in the path where EBC < 0, and marks scale to zero and the cold start", () => {
    expect(events.activator.map((b) => [b.startS - START, b.endS - START])).toEqual([[20, 40], [60, 90]]);
    expect(events.marks).toEqual([
      { t: START + 60, kind: "scale-to-zero" },
      // Asked for a pod at +80 with none ready; the first ready pod at +90.
      { t: START + 90, kind: "cold-start", waitSeconds: 10 },
    ]);
  });

  it("gives no entry for a band already running at the start, and says when entry fell between samples", () => {
    const running = oc({ autoscaler_panic_mode: [1, 1, 0], autoscaler_actual_pods: [3, 3, 3] }, 3);
    expect(revisionEvents(running, { threshold: 2, panicWindowSeconds: 6 }).panic[0]?.entry).toBeNull();
    const late = oc({ autoscaler_panic_mode: [0, 1], autoscaler_actual_pods: [10, 10], autoscaler_panic_request_concurrency: [10, 100], autoscaler_target_concurrency_per_pod: [7, 7] }, 2);
    const entry = revisionEvents(late, { threshold: 2, panicWindowSeconds: 6 }).panic[0]!.entry!;
    expect(entry.holds).toBe(false);
    expect(describePanicEntry(entry)).toMatch(/^panic: began between samples .* was 100, threshold 2 × 10 pods × 7 target\)$/);
  });

  it("explains a moment in words", () => {
    const inPanic = explainMoment(tl, events, defaults, START + 30);
    expect(inPanic[0]).toMatch(/^panic: 6s average 412 ≥ 2 × 10 pods × 7 target \(since \d\d:\d\d:\d\d\); pods do not scale down/);
    expect(inPanic).toContain("stable: 60s average 200 concurrent requests over 30 ready pods = 6.67 per pod vs target 7 per pod → ceil(200 / 7) = 29 pods");
    expect(inPanic).toContain("activator in path: excess burst capacity -3 < 0 (ready pods × per-pod capacity − target burst capacity − panic concurrency)");
    const configured = viewSettingsFor({ namespace: "media", revision: "x", containerConcurrency: 10 });
    expect(explainMoment(tl, events, configured, START + 30)).toContain("activator in path: excess burst capacity -3 < 0 (ready pods × 10 capacity − 211 target burst capacity − panic concurrency)");
    const idle = explainMoment(tl, events, defaults, START + 70);
    expect(idle).toContain("scaled to zero: requests are held by the activator until a pod is ready");
    expect(explainMoment(tl, events, defaults, START + 80)).toContain("cold start: no pod is ready yet; requests wait in the activator");
  });

  it("mentions the containerConcurrency limit only when it is known and reached", () => {
    const cc5 = { ...defaults, containerConcurrency: 5 };
    expect(explainMoment(tl, events, cc5, START + 30).some((l) => l.startsWith("at the containerConcurrency limit: 13.3 per pod ≥ 5"))).toBe(true);
    expect(explainMoment(tl, events, defaults, START + 30).some((l) => l.includes("containerConcurrency"))).toBe(false);
  });
});

describe("settings", () => {
  const entries = [
    { namespace: "shop", revision: "checkout-*", containerConcurrency: 10 },
    { namespace: "shop", revision: "checkout-00003", containerConcurrency: 4 },
    { namespace: "media", revision: "*", annotations: { "autoscaling.knative.dev/panic-threshold-percentage": "300" } },
  ];

  it("prefers an exact revision over a glob, and needs the namespace to match", () => {
    expect(findRevisionConfig(entries, { namespace: "shop", revision: "checkout-00003" })?.containerConcurrency).toBe(4);
    expect(findRevisionConfig(entries, { namespace: "shop", revision: "checkout-00007" })?.containerConcurrency).toBe(10);
    expect(findRevisionConfig(entries, { namespace: "other", revision: "checkout-00007" })).toBeNull();
    expect(findRevisionConfig(entries, { namespace: "shop", revision: "checkoutX00007" })).toBeNull();
  });

  it("uses Knative defaults when unconfigured and the annotations when configured", () => {
    expect(defaults).toMatchObject({ containerConcurrency: null, panicThreshold: 2, stableWindowSeconds: 60, panicWindowSeconds: 6, targetBurstCapacity: 211, configured: false });
    expect(viewSettingsFor(entries[2]!).panicThreshold).toBe(3);
    expect(viewSettingsFor(entries[0]!)).toMatchObject({ containerConcurrency: 10, totalValue: 10 });
  });

  it("formats numbers for prose", () => {
    expect([formatNumber(412), formatNumber(6.6667), formatNumber(0.12345)]).toEqual(["412", "6.67", "0.123"]);
  });
});
