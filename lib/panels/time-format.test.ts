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

  it("reads UTC and the browser's zone from Date exactly as Intl formats them (random instants, a zone with a 30-minute DST shift)", () => {
    const tz = process.env.TZ;
    // Node applies a TZ change at once, to Date's local getters and to Intl's default zone alike.
    process.env.TZ = "Australia/Lord_Howe";
    try {
      let seed = 12345;
      const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
      const instants = [Date.UTC(2024, 3, 6, 14, 59, 59), Date.UTC(2024, 3, 6, 15, 0, 0), Date.UTC(2024, 9, 5, 15, 30, 0), 0, Date.UTC(2099, 11, 31, 23, 59, 59)];
      for (let i = 0; i < 2000; i++) instants.push(Math.floor(rand() * 4e12));
      for (const ms of instants) {
        // Named zones take the Intl path: the reference.
        expect(formatDateTimeIn(ms, "utc"), String(ms)).toBe(formatDateTimeIn(ms, "Etc/UTC"));
        expect(formatDateTimeIn(ms, "browser"), String(ms)).toBe(formatDateTimeIn(ms, "Australia/Lord_Howe"));
        expect(formatAxisTime(ms, 3 * 86_400_000, "browser"), String(ms)).toBe(formatAxisTime(ms, 3 * 86_400_000, "Australia/Lord_Howe"));
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
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
