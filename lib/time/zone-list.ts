import { isValidTimeZone, utcOffsetMs, type TimeZoneSetting } from "./zone";

/** A choice in the time zone picker: Grafana's "browser" and "utc", then IANA names. */
export interface TimeZoneChoice {
  value: TimeZoneSetting;
  label: string;
}

// A few well-known zones for runtimes without Intl.supportedValuesOf.
const FALLBACK_ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"];

/** The IANA zone names this runtime knows, sorted. */
export function ianaTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: "timeZone") => string[] }).supportedValuesOf;
  const zones = supported ? supported("timeZone") : FALLBACK_ZONES;
  return [...zones].sort();
}

/** `UTC+05:30` for +19_800_000 ms, `UTC` for 0. */
export function formatUtcOffset(offsetMs: number): string {
  if (offsetMs === 0) return "UTC";
  const sign = offsetMs < 0 ? "-" : "+";
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** How a setting reads in the toolbar: "Browser time", "UTC", or the IANA name. */
export function timeZoneLabel(setting: TimeZoneSetting): string {
  if (setting === "browser" || setting === "") return "Browser time";
  if (setting === "utc") return "UTC";
  return setting;
}

// "new york" finds America/New_York; "berlin" finds Europe/Berlin.
const normalise = (text: string) => text.toLowerCase().replace(/[_/]+/g, " ").replace(/\s+/g, " ").trim();

/**
 * The picker's choices matching a search: "browser" and "utc" first (found by their labels too),
 * then the IANA names containing every word of the search, in order. An empty search lists all.
 */
export function searchTimeZones(query: string, zones: readonly string[]): TimeZoneChoice[] {
  const words = normalise(query).split(" ").filter(Boolean);
  const matches = (text: string) => words.every((w) => normalise(text).includes(w));
  const fixed: TimeZoneChoice[] = [
    { value: "browser", label: timeZoneLabel("browser") },
    { value: "utc", label: timeZoneLabel("utc") },
  ];
  return [
    ...fixed.filter((c) => matches(`${c.value} ${c.label}`)),
    ...zones.filter((z) => z !== "UTC" && matches(z)).map((z) => ({ value: z, label: z })),
  ];
}

/** The zone's offset from UTC at `nowMs`, as text, or "" for a setting this runtime does not know. */
export function zoneOffsetText(setting: TimeZoneSetting, nowMs: number): string {
  if (!isValidTimeZone(setting)) return "";
  return formatUtcOffset(utcOffsetMs(nowMs, setting));
}
