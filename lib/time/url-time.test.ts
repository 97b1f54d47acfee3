import { describe, expect, it } from "vitest";
import { formatUrlTime, parseUrlTime } from "./url-time";

describe("parseUrlTime (Grafana's URL forms)", () => {
  it.each([
    ["now-6h", "now-6h"],
    ["now/d", "now/d"],
    ["now-1d/d", "now-1d/d"],
    [" now ", "now"],
    ["20240313", "2024-03-13T00:00:00.000Z"], // YYYYMMDD, UTC
    ["20240313T142536", "2024-03-13T14:25:36.000Z"], // YYYYMMDDTHHmmss, UTC
    ["2024-03-13 14:25:36", "2024-03-13T14:25:36.000Z"], // YYYY-MM-DD HH:mm:ss, UTC
    ["2024-03-13T14:25:36", "2024-03-13T14:25:36.000Z"],
    ["2024-03-13T14:25:36.789Z", "2024-03-13T14:25:36.789Z"], // the 24-char form Grafana writes
    ["2024-03-13T16:25:36+02:00", "2024-03-13T14:25:36.000Z"],
    ["1710339936789", "2024-03-13T14:25:36.789Z"], // epoch ms
    ["0", "1970-01-01T00:00:00.000Z"],
    ["20241399", "1970-01-01T05:37:21.399Z"], // not a date, so epoch ms, as in Grafana
    ["", null],
    ["yesterday-ish", null],
    ["now-", null],
    ["now-1x", null],
    ["2024-13-01 00:00:00", null],
    ["2024-02-30 00:00:00", null],
    ["12 March", null],
  ])("%j -> %j", (input, expected) => {
    expect(parseUrlTime(input)).toBe(expected);
  });
});

describe("formatUrlTime", () => {
  it.each([
    ["now-6h", "browser", "now-6h"],
    ["1710339936789", "browser", "2024-03-13T14:25:36.789Z"],
    ["2024-03-13T14:25:36.789Z", "browser", "2024-03-13T14:25:36.789Z"],
    ["2024-03-13 10:00:00", "Europe/Berlin", "2024-03-13T09:00:00.000Z"],
    ["2024-03-13", "utc", "2024-03-13T00:00:00.000Z"],
    ["garbage", "utc", "garbage"],
  ])("%j in %s -> %j", (raw, tz, expected) => {
    expect(formatUrlTime(raw, tz)).toBe(expected);
  });

  it("is read back as the same instant", () => {
    for (const raw of ["1710339936789", "2024-03-13 10:00:00", "2024-03-13T16:25:36+02:00"]) {
      const written = formatUrlTime(raw, "Europe/Berlin");
      expect(parseUrlTime(written)).toBe(written);
    }
  });
});
