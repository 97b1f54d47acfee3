import { describe, expect, it } from "vitest";
import { formatUtcOffset, ianaTimeZones, searchTimeZones, timeZoneLabel, zoneOffsetText } from "./zone-list";

const ZONES = ["America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Asia/Tokyo", "Europe/Berlin", "UTC"];
const values = (query: string) => searchTimeZones(query, ZONES).map((c) => c.value);

describe("searchTimeZones", () => {
  it.each<[string, string[]]>([
    ["", ["browser", "utc", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Asia/Tokyo", "Europe/Berlin"]],
    ["berlin", ["Europe/Berlin"]],
    ["BERLIN", ["Europe/Berlin"]],
    ["new york", ["America/New_York"]],
    ["new_york", ["America/New_York"]],
    ["america/los", ["America/Los_Angeles"]],
    ["asia", ["Asia/Kolkata", "Asia/Tokyo"]],
    ["browser", ["browser"]],
    ["utc", ["utc"]],
    ["mars", []],
  ])("%j", (query, expected) => {
    expect(values(query)).toEqual(expected);
  });

  it("labels Grafana's settings as people read them", () => {
    expect(searchTimeZones("", [])).toEqual([
      { value: "browser", label: "Browser time" },
      { value: "utc", label: "UTC" },
    ]);
  });
});

describe("formatUtcOffset / zoneOffsetText / timeZoneLabel", () => {
  it.each<[number, string]>([
    [0, "UTC"],
    [9 * 3_600_000, "UTC+09:00"],
    [5.5 * 3_600_000, "UTC+05:30"],
    [-(3 * 3_600_000 + 30 * 60_000), "UTC-03:30"],
  ])("%i ms -> %s", (ms, text) => {
    expect(formatUtcOffset(ms)).toBe(text);
  });

  it("gives a zone's offset at a time, DST included", () => {
    expect(zoneOffsetText("Asia/Tokyo", Date.UTC(2024, 0, 1))).toBe("UTC+09:00");
    expect(zoneOffsetText("Europe/Berlin", Date.UTC(2024, 0, 15))).toBe("UTC+01:00");
    expect(zoneOffsetText("Europe/Berlin", Date.UTC(2024, 6, 15))).toBe("UTC+02:00");
    expect(zoneOffsetText("utc", Date.UTC(2024, 6, 15))).toBe("UTC");
    expect(zoneOffsetText("Mars/Olympus", 0)).toBe("");
  });

  it("labels settings", () => {
    expect([timeZoneLabel("browser"), timeZoneLabel(""), timeZoneLabel("utc"), timeZoneLabel("Asia/Tokyo")]).toEqual(["Browser time", "Browser time", "UTC", "Asia/Tokyo"]);
  });

  it("knows the runtime's IANA zones, sorted", () => {
    const zones = ianaTimeZones();
    expect(zones).toContain("Europe/Berlin");
    expect(zones).toEqual([...zones].sort());
  });
});
