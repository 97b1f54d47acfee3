import { describe, expect, it } from "vitest";
import { formatAxisTime, formatDateTimeIn } from "./time-format";

const T = Date.UTC(2024, 0, 2, 3, 4, 5); // 2024-01-02 03:04:05 UTC

describe("formatDateTimeIn", () => {
  it.each<[string, string]>([
    ["utc", "2024-01-02 03:04:05"],
    ["Asia/Tokyo", "2024-01-02 12:04:05"],
    ["America/New_York", "2024-01-01 22:04:05"],
    ["Not/AZone", formatDateTimeIn(T, "browser")],
  ])("in %s", (tz, expected) => {
    expect(formatDateTimeIn(T, tz)).toBe(expected);
  });

  it("writes midnight as 00, not 24", () => {
    expect(formatDateTimeIn(Date.UTC(2024, 0, 2), "utc")).toBe("2024-01-02 00:00:00");
  });
});

describe("formatAxisTime", () => {
  const MIN = 60_000;
  it.each<[number, string]>([
    [2 * MIN, "03:04:05"],
    [60 * MIN, "03:04"],
    [3 * 1440 * MIN, "01/02 03:04"],
    [30 * 1440 * MIN, "01/02"],
  ])("span %d ms shows %s", (span, expected) => {
    expect(formatAxisTime(T, span, "utc")).toBe(expected);
  });
});
