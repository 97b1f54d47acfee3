import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  addLabelsToSampleLine,
  backfillRange,
  knativeScrapeLabels,
  readHistoryMarker,
  requestStep,
  simulationStart,
  writeHistoryMarker,
} from "./knative";

describe("backfillRange", () => {
  const now = 1_800_000_000;

  it("covers the requested hours on a fresh folder", () => {
    expect(backfillRange(now, 24, undefined)).toEqual({ from: now - 86_400, to: now });
    expect(backfillRange(now, 1.5, undefined)).toEqual({ from: now - 5400, to: now });
  });

  it("only fills the gap after what an earlier run covered", () => {
    expect(backfillRange(now, 24, { coveredUntil: now - 600 })).toEqual({ from: now - 599, to: now });
  });

  it("never reaches further back than the requested hours, even after a long pause", () => {
    expect(backfillRange(now, 2, { coveredUntil: now - 30 * 86_400 })).toEqual({ from: now - 7200, to: now });
  });

  it("skips a gap the live scrape covers anyway, and zero hours", () => {
    expect(backfillRange(now, 24, { coveredUntil: now - 2 })).toBeUndefined();
    expect(backfillRange(now, 0, undefined)).toBeUndefined();
  });
});

describe("history marker", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips and ignores a missing or corrupt file", async () => {
    dir = mkdtempSync(join(tmpdir(), "orrery-knative-"));
    expect(readHistoryMarker(dir)).toBeUndefined();
    writeHistoryMarker(dir, 1234, 1000);
    expect(readHistoryMarker(dir)).toEqual({ coveredUntil: 1234, historyFrom: 1000 });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "knative-history.json"), "{not json");
    expect(readHistoryMarker(dir)).toBeUndefined();
  });
});

describe("knativeScrapeLabels", () => {
  it("matches what the leaf scrape and /federate attach", () => {
    const spec = { leaf: "east", metricSet: "opencensus" as const, port: 19211 };
    expect(knativeScrapeLabels(spec)).toEqual({ job: "knative", instance: "127.0.0.1:19211" });
    expect(knativeScrapeLabels(spec, { cluster: "east", replica: "a" })).toEqual({
      job: "knative",
      instance: "127.0.0.1:19211",
      cluster: "east",
      replica: "a",
    });
  });
});

describe("simulationStart", () => {
  const now = 1_800_000_000;
  it("starts half an hour before the backfill, or before now without one", () => {
    expect(simulationStart(now, { from: now - 3600 }, undefined)).toBe(now - 5400);
    expect(simulationStart(now, undefined, undefined)).toBe(now - 1800);
  });
  it("reuses a recent earlier start so values continue across restarts", () => {
    expect(simulationStart(now, { from: now - 600 }, { coveredUntil: now - 601, historyFrom: now - 86_400 })).toBe(now - 86_400);
  });
  it("drops an earlier start older than three days (serve would replay it on every start)", () => {
    expect(simulationStart(now, { from: now - 600 }, { coveredUntil: now - 601, historyFrom: now - 4 * 86_400 })).toBe(now - 2400);
  });
});

describe("requestStep", () => {
  it("is about 30 s and a multiple of the gauge step", () => {
    expect(requestStep(2)).toBe(30);
    expect(requestStep(10)).toBe(30);
    expect(requestStep(60)).toBe(60);
    expect(requestStep(7)).toBe(28);
  });
});

describe("addLabelsToSampleLine", () => {
  const extra = 'cluster="east",replica="a"';
  it("appends inside the label set, after braces and quotes inside values", () => {
    expect(addLabelsToSampleLine('up{job="x"} 1 1700000000', extra)).toBe('up{job="x",cluster="east",replica="a"} 1 1700000000');
    expect(addLabelsToSampleLine('m{path="/a}b",q="say \\"hi}\\""} 2 5', extra)).toBe('m{path="/a}b",q="say \\"hi}\\"",cluster="east",replica="a"} 2 5');
  });
  it("handles empty and missing label sets, and leaves comments alone", () => {
    expect(addLabelsToSampleLine("m{} 1 5", extra)).toBe('m{cluster="east",replica="a"} 1 5');
    expect(addLabelsToSampleLine("m 1 5", extra)).toBe('m{cluster="east",replica="a"} 1 5');
    expect(addLabelsToSampleLine("# TYPE m gauge", extra)).toBe("# TYPE m gauge");
    expect(addLabelsToSampleLine("# EOF", extra)).toBe("# EOF");
  });
});
