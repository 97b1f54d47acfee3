import { describe, expect, it } from "vitest";
import { describeTimeRange, isRelativeRange, isValidTime, QUICK_RANGES, resolveTimeRange } from "./range";

const NOW = Date.UTC(2024, 2, 13, 14, 25, 36, 789);
const H = 3_600_000;

describe("resolveTimeRange", () => {
  it.each([
    [{ from: "now-1h", to: "now" }, { ok: true, range: { startMs: NOW - H, endMs: NOW } }],
    [{ from: "now/d", to: "now/d" }, { ok: true, range: { startMs: Date.UTC(2024, 2, 13), endMs: Date.UTC(2024, 2, 14) - 1 } }],
    [{ from: "2024-03-13T00:00:00Z", to: "1710339936789" }, { ok: true, range: { startMs: Date.UTC(2024, 2, 13), endMs: 1710339936789 } }],
    [{ from: "bogus", to: "now" }, { ok: false, error: 'Invalid "from" time: "bogus"' }],
    [{ from: "now-1h", to: "" }, { ok: false, error: 'Invalid "to" time: ""' }],
    [{ from: "now", to: "now-1h" }, { ok: false, error: '"from" must be before "to"' }],
    [{ from: "now", to: "now" }, { ok: false, error: '"from" must be before "to"' }],
  ])("%j", (range, expected) => {
    expect(resolveTimeRange(range, NOW, { utc: true })).toEqual(expected);
  });
});

describe("QUICK_RANGES", () => {
  it("offers the usual spans, each ending now and resolving to its length", () => {
    expect(QUICK_RANGES.map((q) => q.from)).toEqual([
      "now-5m",
      "now-15m",
      "now-1h",
      "now-3h",
      "now-6h",
      "now-12h",
      "now-24h",
      "now-2d",
      "now-7d",
    ]);
    for (const q of QUICK_RANGES) {
      const r = resolveTimeRange(q, NOW, { utc: true });
      expect(r.ok && r.range.endMs).toBe(NOW);
    }
  });
});

describe("helpers", () => {
  it.each([
    ["now-5m", true],
    ["2024-01-01T00:00:00Z", true],
    ["tomorrow", false],
  ])("isValidTime(%j) = %s", (text, expected) => {
    expect(isValidTime(text)).toBe(expected);
  });

  it.each([
    [{ from: "now-1h", to: "now" }, true],
    [{ from: "2024-01-01", to: "now" }, true],
    [{ from: "2024-01-01", to: "2024-01-02" }, false],
  ])("isRelativeRange(%j) = %s", (range, expected) => {
    expect(isRelativeRange(range)).toBe(expected);
  });

  it.each([
    [{ from: "now-1h", to: "now" }, "Last 1 hour"],
    [{ from: "now-7d", to: "now" }, "Last 7 days"],
    [{ from: "now-2h", to: "now" }, "now-2h to now"],
  ])("describeTimeRange(%j) = %s", (range, expected) => {
    expect(describeTimeRange(range)).toBe(expected);
  });
});
