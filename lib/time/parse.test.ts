import { describe, expect, it } from "vitest";
import { isRelativeTime, parseTime } from "./parse";

// 2024-03-13T14:25:36.789Z, a Wednesday.
const NOW = Date.UTC(2024, 2, 13, 14, 25, 36, 789);
const H = 3_600_000;

describe("parseTime", () => {
  const cases: Array<[string, number | null, { roundUp?: boolean }?]> = [
    ["now", NOW],
    [" now ", NOW],
    ["now-6h", NOW - 6 * H],
    ["now+30m", NOW + 30 * 60_000],
    ["now-15s", NOW - 15_000],
    ["now-h", NOW - H],
    ["now-1d", NOW - 24 * H],
    ["now-2w", NOW - 14 * 24 * H],
    ["now-1M", Date.UTC(2024, 1, 13, 14, 25, 36, 789)],
    ["now-1y", Date.UTC(2023, 2, 13, 14, 25, 36, 789)],
    ["now-1h-30m", NOW - 1.5 * H],
    ["now/d", Date.UTC(2024, 2, 13)],
    ["now/d", Date.UTC(2024, 2, 14) - 1, { roundUp: true }],
    ["now-1d/d", Date.UTC(2024, 2, 12)],
    ["now/h", Date.UTC(2024, 2, 13, 14)],
    ["now/m", Date.UTC(2024, 2, 13, 14, 25)],
    ["now/w", Date.UTC(2024, 2, 11)],
    ["now/w", Date.UTC(2024, 2, 18) - 1, { roundUp: true }],
    ["now/M", Date.UTC(2024, 2, 1)],
    ["now/y", Date.UTC(2024, 0, 1)],
    ["now/d+8h", Date.UTC(2024, 2, 13, 8)],
    ["1710339936789", 1710339936789],
    ["0", 0],
    ["2024-03-13T14:25:36.789Z", NOW],
    ["2024-03-13T14:25:36Z", Date.UTC(2024, 2, 13, 14, 25, 36)],
    ["2024-03-13T16:25:36+02:00", Date.UTC(2024, 2, 13, 14, 25, 36)],
    ["2024-03-13", Date.UTC(2024, 2, 13)],
    ["", null],
    ["   ", null],
    ["yesterday", null],
    ["now-", null],
    ["now-6x", null],
    ["now-6H", null],
    ["now/", null],
    ["nowish", null],
    ["-6h", null],
    ["12.5", null],
    ["2024-13-45", null],
    ["2024-03-13T25:00Z", null],
    ["2024-03-13<script>", null],
  ];

  it.each(cases)("%j -> %s", (input, expected, options) => {
    expect(parseTime(input, NOW, { utc: true, ...options })).toBe(expected);
  });

  it("moves by calendar months, clamping to the month's last day as Grafana (moment) does", () => {
    const jan31 = Date.UTC(2024, 0, 31, 12);
    expect(parseTime("now+1M", jan31, { utc: true })).toBe(Date.UTC(2024, 1, 29, 12));
  });

  it("rounds in local time by default", () => {
    const local = parseTime("now/d", NOW);
    const d = new Date(NOW);
    expect(local).toBe(new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime());
  });
});

describe("isRelativeTime", () => {
  it.each([
    ["now", true],
    ["now-1h", true],
    [" now/d", true],
    ["2024-03-13", false],
    ["1710339936789", false],
  ])("%j -> %s", (input, expected) => {
    expect(isRelativeTime(input)).toBe(expected);
  });
});
