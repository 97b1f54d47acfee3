import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, type FieldConfig } from "@/lib/dashboards/schema/field-config";
import { expandDisplayName, overrideMatches, resolveField } from "./field-config";

const base: FieldConfig = {
  defaults: { unit: "short", thresholds: DEFAULT_THRESHOLDS, color: { mode: "palette-classic" } },
  overrides: [],
};

describe("overrideMatches", () => {
  it.each<["byName" | "byRegexp", string, string, boolean]>([
    ["byName", "east", "east", true],
    ["byName", "east", "east-1", false],
    ["byRegexp", "^east", "east-1", true],
    ["byRegexp", "west", "east-1", false],
    ["byRegexp", "/EAST/i", "east-1", true],
    ["byRegexp", "/(/", "east", false],
    ["byRegexp", ".*", "", true],
  ])("%s %s against %s is %s", (id, options, name, expected) => {
    expect(overrideMatches({ id, options }, name)).toBe(expected);
  });
});

describe("expandDisplayName", () => {
  it.each<[string, string]>([
    ["${__field.labels.cluster} CPU", "east CPU"],
    ["${__series.name}!", "up!"],
    ["${__field.labels.missing}x", "x"],
    ["plain", "plain"],
  ])("%s is %s", (template, expected) => {
    expect(expandDisplayName(template, "up", { cluster: "east" })).toBe(expected);
  });
});

describe("resolveField", () => {
  const config: FieldConfig = {
    ...base,
    overrides: [
      { matcher: { id: "byRegexp", options: "^read" }, properties: [{ id: "unit", value: "bytes" }, { id: "min", value: 0 }] },
      { matcher: { id: "byName", options: "read-east" }, properties: [{ id: "displayName", value: "Reads (east)" }, { id: "color", value: { mode: "fixed", fixedColor: "red" } }] },
      { matcher: { id: "byName", options: "read-east" }, properties: [{ id: "max", value: 10 }, { id: "unit", value: "Bps" }] },
    ],
  };

  it("returns the defaults, named by the series, when nothing matches", () => {
    expect(resolveField(config, "write")).toEqual({ ...base.defaults, displayName: "write" });
  });

  it("applies matching overrides in order, later ones winning", () => {
    expect(resolveField(config, "read-east")).toMatchObject({
      unit: "Bps",
      min: 0,
      max: 10,
      displayName: "Reads (east)",
      color: { mode: "fixed", fixedColor: "red" },
    });
    expect(resolveField(config, "read-west")).toMatchObject({ unit: "bytes", min: 0, displayName: "read-west" });
  });

  it("expands a templated default display name", () => {
    const templated: FieldConfig = { ...base, defaults: { ...base.defaults, displayName: "${__field.labels.pod}" } };
    expect(resolveField(templated, "x", { pod: "p-1" }).displayName).toBe("p-1");
    expect(resolveField(templated, "x", {}).displayName).toBe("x");
  });
});
