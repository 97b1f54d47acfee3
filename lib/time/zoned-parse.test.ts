import { describe, expect, it } from "vitest";
import { parseTime } from "./parse";
import { fromWallTime, isValidTimeZone, utcOffsetMs, wallTime } from "./zone";
import { parseTimeInZone, type ZonedParseOptions } from "./zoned-parse";

// 2024-03-13T14:25:36.789Z, a Wednesday.
const NOW = Date.UTC(2024, 2, 13, 14, 25, 36, 789);
const H = 3_600_000;

describe("parseTimeInZone", () => {
  const cases: Array<[string, string, ZonedParseOptions, number | null]> = [
    // [name, text, options, expected]
    ["now/d in UTC", "now/d", { timeZone: "utc" }, Date.UTC(2024, 2, 13)],
    ["now/d in Berlin is 23:00 UTC the day before", "now/d", { timeZone: "Europe/Berlin" }, Date.UTC(2024, 2, 12, 23)],
    ["now/d as 'to' in Berlin", "now/d", { timeZone: "Europe/Berlin", roundUp: true }, Date.UTC(2024, 2, 13, 23) - 1],
    ["now/d in New York (EDT since March 10)", "now/d", { timeZone: "America/New_York" }, Date.UTC(2024, 2, 13, 4)],
    ["now/d in Tokyo, where it is already the 13th evening", "now/d", { timeZone: "Asia/Tokyo" }, Date.UTC(2024, 2, 12, 15)],
    ["now/h in Kolkata (+05:30) starts at :00 local", "now/h", { timeZone: "Asia/Kolkata" }, Date.UTC(2024, 2, 13, 13, 30)],
    ["now-1d/d in Berlin", "now-1d/d", { timeZone: "Europe/Berlin" }, Date.UTC(2024, 2, 11, 23)],
    ["now/w (Monday) in Berlin", "now/w", { timeZone: "Europe/Berlin" }, Date.UTC(2024, 2, 10, 23)],
    ["now/w with a Sunday week start", "now/w", { timeZone: "utc", weekStart: "sunday" }, Date.UTC(2024, 2, 10)],
    ["now/w with a Saturday week start", "now/w", { timeZone: "utc", weekStart: "saturday" }, Date.UTC(2024, 2, 9)],
    ["now/M in Sydney (+11)", "now/M", { timeZone: "Australia/Sydney" }, Date.UTC(2024, 1, 29, 13)],
    ["now/Q", "now/Q", { timeZone: "utc" }, Date.UTC(2024, 0, 1)],
    ["now/Q as 'to'", "now/Q", { timeZone: "utc", roundUp: true }, Date.UTC(2024, 3, 1) - 1],
    ["now-1Q", "now-1Q", { timeZone: "utc" }, Date.UTC(2023, 11, 13, 14, 25, 36, 789)],
    ["now/y in Berlin", "now/y", { timeZone: "Europe/Berlin" }, Date.UTC(2023, 11, 31, 23)],
    ["now-6h", "now-6h", { timeZone: "Europe/Berlin" }, NOW - 6 * H],
    ["now/d+8h", "now/d+8h", { timeZone: "utc" }, Date.UTC(2024, 2, 13, 8)],
    ["a zone-less date is wall time in the zone", "2024-03-13 10:00:00", { timeZone: "Europe/Berlin" }, Date.UTC(2024, 2, 13, 9)],
    ["a date alone is midnight in the zone", "2024-03-13", { timeZone: "America/New_York" }, Date.UTC(2024, 2, 13, 4)],
    ["an offset wins over the zone", "2024-03-13T10:00:00Z", { timeZone: "Europe/Berlin" }, Date.UTC(2024, 2, 13, 10)],
    ["epoch ms", "1710339936789", { timeZone: "Europe/Berlin" }, 1710339936789],
    ["an impossible date", "2024-02-30", { timeZone: "utc" }, null],
    ["fiscal units are not supported", "now/fQ", { timeZone: "utc" }, null],
    ["junk", "yesterday-ish", { timeZone: "utc" }, null],
    ["a dangling operator", "now-", { timeZone: "utc" }, null],
  ];
  it.each(cases)("%s", (_name, text, options, expected) => {
    expect(parseTimeInZone(text, NOW, options)).toBe(expected);
  });

  it("clamps the day when adding months, as moment does", () => {
    const jan31 = Date.UTC(2024, 0, 31, 12);
    expect(parseTimeInZone("now+1M", jan31, { timeZone: "utc" })).toBe(Date.UTC(2024, 1, 29, 12));
    expect(parseTimeInZone("now-1y", Date.UTC(2024, 1, 29), { timeZone: "utc" })).toBe(Date.UTC(2023, 1, 28));
  });

  it("keeps the wall time when adding days across a DST change", () => {
    // Berlin moves to summer time on 2024-03-31 at 02:00.
    const saturdayNoon = Date.UTC(2024, 2, 30, 11); // 12:00 CET
    expect(parseTimeInZone("now+1d", saturdayNoon, { timeZone: "Europe/Berlin" })).toBe(Date.UTC(2024, 2, 31, 10)); // 12:00 CEST
    expect(parseTimeInZone("now+24h", saturdayNoon, { timeZone: "Europe/Berlin" })).toBe(Date.UTC(2024, 2, 31, 11));
  });

  it("rounds a DST day to its own length", () => {
    const sunday = Date.UTC(2024, 2, 31, 12);
    const start = parseTimeInZone("now/d", sunday, { timeZone: "Europe/Berlin" })!;
    const end = parseTimeInZone("now/d", sunday, { timeZone: "Europe/Berlin", roundUp: true })!;
    expect(end + 1 - start).toBe(23 * H);
  });

  it("agrees with parseTime in UTC", () => {
    for (const text of ["now", "now-6h", "now/d", "now-1d/d", "now/w", "now/M", "now/y", "now-2w", "2024-03-13T14:25:36Z"]) {
      for (const roundUp of [false, true]) {
        expect(parseTimeInZone(text, NOW, { timeZone: "utc", roundUp })).toBe(parseTime(text, NOW, { utc: true, roundUp }));
      }
    }
  });
});

describe("zone helpers", () => {
  it("knows valid zones", () => {
    expect(["browser", "utc", "Europe/Berlin", "America/Argentina/Buenos_Aires"].every(isValidTimeZone)).toBe(true);
    expect(["", "Mars/Olympus", "UTC+1"].some(isValidTimeZone)).toBe(false);
  });

  it("reports offsets", () => {
    expect(utcOffsetMs(NOW, "utc")).toBe(0);
    expect(utcOffsetMs(NOW, "Europe/Berlin")).toBe(H);
    expect(utcOffsetMs(Date.UTC(2024, 6, 1), "Europe/Berlin")).toBe(2 * H);
    expect(utcOffsetMs(NOW, "Asia/Kolkata")).toBe(5.5 * H);
    expect(utcOffsetMs(NOW, "browser")).toBe(new Date(NOW).getTimezoneOffset() * -60_000 + 0);
  });

  it("moves a skipped wall time forward and takes the earlier of a repeated one", () => {
    const base = { second: 0, millisecond: 0 };
    expect(fromWallTime({ year: 2024, month: 2, day: 31, hour: 2, minute: 30, ...base }, "Europe/Berlin")).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(fromWallTime({ year: 2024, month: 9, day: 27, hour: 2, minute: 30, ...base }, "Europe/Berlin")).toBe(Date.UTC(2024, 9, 27, 0, 30));
  });

  it("round-trips wall time (a repeated hour maps to its first instant)", () => {
    for (const tz of ["utc", "browser", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns"]) {
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 7.3 * H) {
        const w = wallTime(t, tz);
        const back = fromWallTime(w, tz);
        expect(wallTime(back, tz)).toEqual(w);
        expect(back === t || back === t - H).toBe(true);
      }
    }
  });
});
