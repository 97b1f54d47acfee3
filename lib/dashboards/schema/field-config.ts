import { z } from "zod";
import { colorSchema } from "./common";

/** Unit ids (Grafana's, so import is a mapping). Formatting lives in lib/units. */
export const UNITS = [
  "none", "short", "percent", "percentunit", "bytes", "decbytes", "bits", "decbits", "Bps", "bps",
  "s", "ms", "us", "ns", "reqps", "ops", "rps", "wps", "hertz", "celsius",
] as const;
export const unitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof unitSchema>;

export const thresholdStepSchema = z.strictObject({
  /** null is the base step (−∞), as in Grafana. */
  value: z.number().nullable(),
  color: colorSchema,
});

export const thresholdsSchema = z
  .strictObject({
    mode: z.enum(["absolute", "percentage"]).default("absolute"),
    steps: z.array(thresholdStepSchema).min(1).max(50),
  })
  // zod runs these refinements even when `steps` failed min(1): an empty list is min(1)'s to report.
  .refine((t) => t.steps.length === 0 || t.steps[0]!.value === null, { message: "the first step must be the base step (value null)", path: ["steps", 0, "value"] })
  .refine((t) => t.steps.slice(1).every((s) => s.value !== null), { message: "only the first step may have a null value", path: ["steps"] })
  .refine((t) => t.steps.slice(2).every((s, i) => s.value! >= t.steps[i + 1]!.value!), {
    message: "step values must ascend",
    path: ["steps"],
  });
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  mode: "absolute",
  steps: [
    { value: null, color: "green" },
    { value: 80, color: "red" },
  ],
};

export const colorModeSchema = z.strictObject({
  mode: z.enum(["palette-classic", "fixed", "thresholds"]).default("palette-classic"),
  fixedColor: colorSchema.optional(),
});

export const fieldDefaultsSchema = z.strictObject({
  unit: unitSchema.default("short"),
  decimals: z.number().int().min(0).max(10).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  thresholds: thresholdsSchema.default(DEFAULT_THRESHOLDS),
  color: colorModeSchema.default({ mode: "palette-classic" }),
  /** Replaces the series name everywhere the field is shown. */
  displayName: z.string().max(200).optional(),
});
export type FieldDefaults = z.infer<typeof fieldDefaultsSchema>;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Properties an override may set: the same keys as the defaults. */
const overridePropertySchema = z.discriminatedUnion("id", [
  z.strictObject({ id: z.literal("unit"), value: unitSchema }),
  z.strictObject({ id: z.literal("decimals"), value: z.number().int().min(0).max(10) }),
  z.strictObject({ id: z.literal("min"), value: z.number() }),
  z.strictObject({ id: z.literal("max"), value: z.number() }),
  z.strictObject({ id: z.literal("thresholds"), value: thresholdsSchema }),
  z.strictObject({ id: z.literal("color"), value: colorModeSchema }),
  z.strictObject({ id: z.literal("displayName"), value: z.string().max(200) }),
]);

export const overrideSchema = z.strictObject({
  matcher: z.strictObject({
    /** byName matches the series' display name exactly; byRegexp matches it with a regular expression. */
    id: z.enum(["byName", "byRegexp"]),
    options: z.string().max(500),
  }).refine((m) => m.id !== "byRegexp" || compiles(m.options), { message: "is not a valid regular expression", path: ["options"] }),
  properties: z.array(overridePropertySchema).max(20),
});
export type Override = z.infer<typeof overrideSchema>;

export const fieldConfigSchema = z.strictObject({
  defaults: fieldDefaultsSchema.prefault({}),
  overrides: z.array(overrideSchema).max(100).default([]),
});
export type FieldConfig = z.infer<typeof fieldConfigSchema>;
