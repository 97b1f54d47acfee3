import { describe, expect, it } from "vitest";
import { REFRESH_INTERVALS } from "./schema";
import {
  isValidDashboardTime,
  isValidDashboardTimeZone,
  pickRefresh,
  REFRESH_CHOICES,
  refreshChoicesFor,
  refreshIntervalMs,
  resolveDashboardTimeRange,
  utcOffsetSeconds,
} from "./time";

const NOW = Date.UTC(2024, 2, 13, 14, 25, 36, 789);
const H = 3_600_000;

describe("resolveDashboardTimeRange", () => {
  it.each([
    // [range, timezone, start, end]
    [{ from: "now-6h", to: "now" }, "utc", NOW - 6 * H, NOW],
    [{ from: "now/d", to: "now/d" }, "utc", Date.UTC(2024, 2, 13), Date.UTC(2024, 2, 14) - 1],
    [{ from: "now/d", to: "now/d" }, "Europe/Berlin", Date.UTC(2024, 2, 12, 23), Date.UTC(2024, 2, 13, 23) - 1],
    [{ from: "now-1d/d", to: "now-1d/d" }, "America/New_York", Date.UTC(2024, 2, 12, 4), Date.UTC(2024, 2, 13, 4) - 1],
    [{ from: "2024-03-13 00:00:00", to: "2024-03-13 12:00:00" }, "Asia/Tokyo", Date.UTC(2024, 2, 12, 15), Date.UTC(2024, 2, 13, 3)],
    [{ from: "now/w", to: "now" }, "", new Date(2024, 2, 11).getTime(), NOW], // "" is the browser's zone
  ])("%j in %j", (range, timezone, startMs, endMs) => {
    expect(resolveDashboardTimeRange(range, NOW, { timezone })).toEqual({ ok: true, range: { startMs, endMs } });
  });

  it.each([
    [{ from: "yesterday", to: "now" }, 'Invalid "from" time: "yesterday"'],
    [{ from: "now", to: "now-1h" }, '"from" must be before "to"'],
    [{ from: "now-1h", to: "later" }, 'Invalid "to" time: "later"'],
  ])("rejects %j", (range, error) => {
    expect(resolveDashboardTimeRange(range, NOW, { timezone: "utc" })).toEqual({ ok: false, error });
  });
});

describe("utcOffsetSeconds (Grafana's utcOffsetSec)", () => {
  const resolved = { startMs: NOW - H, endMs: NOW };
  const relative = { from: "now-1h", to: "now" };
  const absolute = { from: String(NOW - H), to: String(NOW) };
  it.each([
    [relative, "utc", 0],
    [relative, "Europe/Berlin", 3600],
    [absolute, "Europe/Berlin", 3600], // a named zone always sends its offset
    [relative, "Asia/Kolkata", 19800],
    [absolute, "browser", 0], // absolute ranges in the browser zone need no shift
  ])("%j in %s -> %d", (range, tz, expected) => {
    expect(utcOffsetSeconds(range, resolved, tz, NOW)).toBe(expected);
  });

  it("uses the browser's offset at the end of a relative range", () => {
    expect(utcOffsetSeconds(relative, resolved, "browser", NOW)).toBe(-new Date(NOW).getTimezoneOffset() * 60 + 0);
  });
});

describe("refresh", () => {
  it("offers the same choices as the schema", () => {
    expect([...REFRESH_CHOICES]).toEqual([...REFRESH_INTERVALS]);
  });

  it.each([
    ["", null],
    ["5s", 5_000],
    ["1m", 60_000],
    ["1h", 3_600_000],
    ["0s", null],
    ["soon", null],
  ])("refreshIntervalMs(%j) = %s", (text, expected) => {
    expect(refreshIntervalMs(text)).toBe(expected);
  });

  it.each([
    ["30s", { refresh: "30s", adjusted: false }],
    ["", { refresh: "", adjusted: false }],
    ["false", { refresh: "", adjusted: false }],
    ["1s", { refresh: "5s", adjusted: true, reason: "below-minimum" }], // Grafana uses min_refresh_interval
    ["2m", { refresh: "5s", adjusted: true, reason: "not-allowed" }], // not a choice: same fallback
    ["yesterday", { refresh: null, adjusted: false }],
  ])("pickRefresh(%j) under the default minimum", (text, expected) => {
    expect(pickRefresh(text)).toEqual(expected);
  });

  it.each<[string, string, unknown]>([
    ["10s", "30s", { refresh: "30s", adjusted: true, reason: "below-minimum" }],
    ["30s", "30s", { refresh: "30s", adjusted: false }],
    ["1h", "30s", { refresh: "1h", adjusted: false }],
    ["5s", "20s", { refresh: "30s", adjusted: true, reason: "below-minimum" }], // a minimum between choices: the next one up
    ["1m", "2h", { refresh: "", adjusted: true, reason: "below-minimum" }], // longer than every choice: off
    ["", "1m", { refresh: "", adjusted: false }], // off is always allowed
  ])("pickRefresh(%j) with minimum %s", (text, min, expected) => {
    expect(pickRefresh(text, min)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ["5s", ["", "5s", "10s", "30s", "1m", "5m", "15m", "1h"]],
    ["30s", ["", "30s", "1m", "5m", "15m", "1h"]],
    ["20s", ["", "30s", "1m", "5m", "15m", "1h"]],
    ["1m", ["", "1m", "5m", "15m", "1h"]],
    ["2h", [""]],
    ["1s", ["", "5s", "10s", "30s", "1m", "5m", "15m", "1h"]],
    ["nonsense", ["", "5s", "10s", "30s", "1m", "5m", "15m", "1h"]], // not a duration: the default 5s
  ])("refreshChoicesFor(%j)", (min, expected) => {
    expect(refreshChoicesFor(min)).toEqual(expected);
  });
});

describe("validity", () => {
  it.each([
    ["now-6h", true],
    ["now/Q", true],
    ["2024-03-13", true],
    ["1710339936789", true],
    ["now/fQ", false],
    ["yesterday-ish", false],
  ])("isValidDashboardTime(%j) = %s", (text, expected) => {
    expect(isValidDashboardTime(text)).toBe(expected);
  });

  it("accepts browser, utc, '' and IANA names", () => {
    expect(["", "browser", "utc", "Europe/Berlin"].every(isValidDashboardTimeZone)).toBe(true);
    expect(isValidDashboardTimeZone("Europe/Atlantis")).toBe(false);
  });
});
