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

describe("formatAxisTime's remembered labels", () => {
  it("keeps zones and spans apart: the same instant is labelled per zone and per detail", () => {
    const day = 86_400_000;
    expect(formatAxisTime(T, 60 * 60_000, "utc")).toBe("03:04");
    expect(formatAxisTime(T, 60 * 60_000, "Asia/Tokyo")).toBe("12:04");
    expect(formatAxisTime(T, 3 * day, "utc")).toBe("01/02 03:04");
    expect(formatAxisTime(T, 30 * day, "Asia/Tokyo")).toBe("01/02");
    // Asked again (now from the cache): the same answers.
    expect(formatAxisTime(T, 60 * 60_000, "Asia/Tokyo")).toBe("12:04");
    expect(formatAxisTime(T, 2 * 60_000, "utc")).toBe("03:04:05");
  });

  it("still labels correctly after many distinct instants (the cache is bounded, not wrong)", () => {
    for (let i = 0; i < 5000; i++) formatAxisTime(T + i * 1000, 60 * 60_000, "utc");
    expect(formatAxisTime(T + 60_000, 60 * 60_000, "utc")).toBe("03:05");
    expect(formatAxisTime(T, 60 * 60_000, "America/New_York")).toBe("22:04");
  });
});
