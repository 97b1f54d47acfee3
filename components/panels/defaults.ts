import type { FieldConfig } from "@/lib/dashboards/schema/field-config";

/**
 * The schema's default field config, written out so panel modules need not import zod into the
 * client bundle; defaults.test.ts checks it against the schema.
 */
export const DEFAULT_FIELD_CONFIG: FieldConfig = {
  defaults: {
    unit: "short",
    thresholds: {
      mode: "absolute",
      steps: [
        { value: null, color: "green" },
        { value: 80, color: "red" },
      ],
    },
    color: { mode: "palette-classic" },
  },
  overrides: [],
};

/** Stat, gauge and bar gauge start coloured by thresholds, as in Grafana. */
export const THRESHOLD_COLORED_FIELD_CONFIG: FieldConfig = {
  ...DEFAULT_FIELD_CONFIG,
  defaults: { ...DEFAULT_FIELD_CONFIG.defaults, color: { mode: "thresholds" } },
};
