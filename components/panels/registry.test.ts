import { describe, expect, it } from "vitest";
import { panelSchema } from "@/lib/dashboards/schema/panels";
import { DEFAULT_FIELD_CONFIG, THRESHOLD_COLORED_FIELD_CONFIG } from "./defaults";
import { getPanelDefinition, PANEL_REGISTRY, PANEL_TYPES } from "./registry";

describe("panel registry", () => {
  it("has a definition for every panel type of the schema, under its own type", () => {
    const schemaTypes = panelSchema.options.map((o) => o.shape.type.value);
    expect([...PANEL_TYPES].sort()).toEqual([...schemaTypes].sort());
    for (const type of PANEL_TYPES) {
      expect(getPanelDefinition(type).type).toBe(type);
      expect(PANEL_REGISTRY[type].name).not.toBe("");
    }
  });

  it.each(PANEL_TYPES)("%s defaults equal the schema's", (type) => {
    const parsed = panelSchema.parse({ id: 1, type, gridPos: { x: 0, y: 0, w: 6, h: 4 } });
    const { defaults } = getPanelDefinition(type);
    expect(defaults.options).toEqual(parsed.options);
    expect(parsed.fieldConfig).toEqual(DEFAULT_FIELD_CONFIG);
    const expectedFieldConfig = ["stat", "gauge", "bargauge"].includes(type) ? THRESHOLD_COLORED_FIELD_CONFIG : DEFAULT_FIELD_CONFIG;
    expect(defaults.fieldConfig).toEqual(expectedFieldConfig);
  });
});
