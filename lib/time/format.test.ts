import { describe, expect, it } from "vitest";
import { formatDateTime, formatIsoSeconds, fromDateTimeLocalValue, toDateTimeLocalValue } from "./format";

describe("formatDateTime", () => {
  it.each([
    [Date.UTC(2024, 2, 13, 14, 5, 6, 789), "2024-03-13 14:05:06"],
    [0, "1970-01-01 00:00:00"],
    [Number.NaN, "Invalid time"],
  ])("%s -> %s (UTC)", (ms, expected) => {
    expect(formatDateTime(ms, { utc: true })).toBe(expected);
  });
});

describe("datetime-local values", () => {
  it.each([
    ["2024-03-13T14:05", new Date(2024, 2, 13, 14, 5).getTime()],
    ["2024-03-13T14:05:06", new Date(2024, 2, 13, 14, 5, 6).getTime()],
    ["", null],
    ["2024-03-13", null],
    ["2024-03-13T14:05Z", null],
    ["2024-02-31T25:00", null],
  ])("fromDateTimeLocalValue(%j) = %s", (value, expected) => {
    expect(fromDateTimeLocalValue(value)).toBe(expected);
  });

  it("round-trips whole seconds through the input's value", () => {
    const ms = new Date(2024, 2, 13, 14, 5, 6).getTime();
    expect(fromDateTimeLocalValue(toDateTimeLocalValue(ms))).toBe(ms);
  });
});

describe("formatIsoSeconds", () => {
  it.each([
    [Date.UTC(2024, 2, 13, 14, 5, 6), "2024-03-13T14:05:06Z"],
    [Date.UTC(2024, 2, 13, 14, 5, 6, 499), "2024-03-13T14:05:06Z"],
    [Date.UTC(2024, 2, 13, 14, 5, 6, 500), "2024-03-13T14:05:07Z"],
  ])("%s -> %s", (ms, expected) => {
    expect(formatIsoSeconds(ms)).toBe(expected);
  });
});
