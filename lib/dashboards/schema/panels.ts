import { z } from "zod";
import { datasourceRefSchema, linkSchema, variableNameSchema } from "./common";
import { GRID_COLUMNS } from "./constants";
import { fieldConfigSchema } from "./field-config";

export const gridPosSchema = z
  .strictObject({
    x: z.number().int().min(0).max(GRID_COLUMNS - 1),
    y: z.number().int().min(0),
    w: z.number().int().min(1).max(GRID_COLUMNS),
    h: z.number().int().min(1).max(100),
  })
  .refine((g) => g.x + g.w <= GRID_COLUMNS, { message: `x + w must be at most ${GRID_COLUMNS}`, path: ["w"] });
export type GridPos = z.infer<typeof gridPosSchema>;

export const targetSchema = z.strictObject({
  refId: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, "must be 1-20 letters, digits, '-' or '_'"),
  expr: z.string().max(100_000),
  legendFormat: z.string().max(500).default(""),
  instant: z.boolean().default(false),
  /** Lower bound of the step: a duration ("30s"), a `$variable`, or empty for the scrape interval. */
  minStep: z.string().max(64).default(""),
  hide: z.boolean().default(false),
  /** Grafana's (deprecated) resolution factor: the computed step is multiplied by it. */
  intervalFactor: z.number().int().min(1).max(100).optional(),
});
export type Target = z.infer<typeof targetSchema>;

/** Reductions of a series to one value (stat, gauge, bar gauge, legend calcs). */
export const REDUCERS = ["last", "lastNotNull", "first", "mean", "max", "min", "total", "count"] as const;
export const reducerSchema = z.enum(REDUCERS);
export type Reducer = z.infer<typeof reducerSchema>;

const basePanel = {
  id: z.number().int().min(1),
  title: z.string().max(200).default(""),
  description: z.string().max(10_000).default(""),
  gridPos: gridPosSchema,
  datasource: datasourceRefSchema.optional(),
  targets: z.array(targetSchema).max(26).default([]),
  fieldConfig: fieldConfigSchema.prefault({}),
  links: z.array(linkSchema).max(20).default([]),
  /** Repeat this panel once per selected value of a multi-value variable. */
  repeat: variableNameSchema.optional(),
  repeatDirection: z.enum(["h", "v"]).default("h"),
  maxPerRow: z.number().int().min(1).max(24).optional(),
  /** Upper bound of points per series; defaults to the panel's width in pixels. */
  maxDataPoints: z.number().int().min(1).max(11_000).optional(),
  /** Grafana's panel "Min interval": lower limit of `$__interval` (and so of the step); default the scrape interval. */
  interval: z.string().max(64).optional(),
};

export const timeSeriesOptionsSchema = z.strictObject({
  drawStyle: z.enum(["line", "bars", "points"]).default("line"),
  lineWidth: z.number().min(0).max(10).default(1),
  fillOpacity: z.number().min(0).max(100).default(0),
  showPoints: z.enum(["auto", "always", "never"]).default("auto"),
  stacking: z.enum(["none", "normal", "percent"]).default("none"),
  legend: z
    .strictObject({
      displayMode: z.enum(["list", "table", "hidden"]).default("list"),
      placement: z.enum(["bottom", "right"]).default("bottom"),
      calcs: z.array(z.enum(["min", "max", "mean", "last", "total"])).default([]),
    })
    .prefault({}),
  tooltip: z.strictObject({ mode: z.enum(["single", "multi", "none"]).default("multi") }).prefault({}),
  /** Grafana's `custom.thresholdsStyle`: draw the field's thresholds as lines, bands, or both. */
  thresholdsStyle: z.strictObject({ mode: z.enum(["off", "line", "area", "line+area"]).default("off") }).prefault({}),
});

export const statOptionsSchema = z.strictObject({
  reduce: reducerSchema.default("lastNotNull"),
  graphMode: z.enum(["none", "area"]).default("area"),
  colorMode: z.enum(["value", "background", "none"]).default("value"),
  textSize: z.number().int().min(8).max(200).optional(),
});

export const gaugeOptionsSchema = z.strictObject({
  reduce: reducerSchema.default("lastNotNull"),
  showThresholdMarkers: z.boolean().default(true),
});

export const barGaugeOptionsSchema = z.strictObject({
  reduce: reducerSchema.default("lastNotNull"),
  orientation: z.enum(["horizontal", "vertical"]).default("horizontal"),
  displayMode: z.enum(["basic", "gradient"]).default("gradient"),
});

export const tableOptionsSchema = z.strictObject({
  showHeader: z.boolean().default(true),
  sortBy: z.strictObject({ column: z.string().max(200), desc: z.boolean().default(false) }).optional(),
});

export const heatmapOptionsSchema = z.strictObject({
  colorScheme: z.enum(["blues", "greens", "oranges", "reds", "spectral", "viridis"]).default("oranges"),
  /** Hide buckets that never hold an observation in the range. */
  hideEmptyBuckets: z.boolean().default(false),
});

export const textOptionsSchema = z.strictObject({
  mode: z.literal("markdown").default("markdown"),
  content: z.string().max(100_000).default(""),
});

/** A Grafana panel Orrery cannot show (kept by the importer so nothing disappears silently). */
export const unsupportedOptionsSchema = z.strictObject({
  grafanaType: z.string().max(100).default(""),
  /** Why it could not be converted, shown in the panel. */
  reason: z.string().max(500).default(""),
});

/** A Knative revision's concurrency or pods chart; namespace and revision may be `$variables`. */
export const knativeConcurrencyOptionsSchema = z.strictObject({
  namespace: z.string().max(253).default("$namespace"),
  revision: z.string().max(253).default("$revision"),
  chart: z.enum(["concurrency", "pods"]).default("concurrency"),
});

// Every options schema accepts {} (all fields have defaults), so an absent `options` means defaults.
const panel = <T extends string, O extends z.ZodType<unknown, object>>(type: T, options: O) =>
  z.strictObject({ ...basePanel, type: z.literal(type), options: options.prefault({} as z.input<O>) });

export const timeSeriesPanelSchema = panel("timeseries", timeSeriesOptionsSchema);
export const statPanelSchema = panel("stat", statOptionsSchema);
export const gaugePanelSchema = panel("gauge", gaugeOptionsSchema);
export const barGaugePanelSchema = panel("bargauge", barGaugeOptionsSchema);
export const tablePanelSchema = panel("table", tableOptionsSchema);
export const heatmapPanelSchema = panel("heatmap", heatmapOptionsSchema);
export const textPanelSchema = panel("text", textOptionsSchema);
export const knativeConcurrencyPanelSchema = panel("knative-concurrency", knativeConcurrencyOptionsSchema);
export const unsupportedPanelSchema = panel("unsupported", unsupportedOptionsSchema);

/** Every panel that is not a row. */
export const panelSchema = z.discriminatedUnion("type", [
  timeSeriesPanelSchema,
  statPanelSchema,
  gaugePanelSchema,
  barGaugePanelSchema,
  tablePanelSchema,
  heatmapPanelSchema,
  textPanelSchema,
  knativeConcurrencyPanelSchema,
  unsupportedPanelSchema,
]);
export type Panel = z.infer<typeof panelSchema>;
export type PanelType = Panel["type"];
export type PanelOf<T extends PanelType> = Extract<Panel, { type: T }>;

/**
 * A row, as in Grafana: expanded rows are followed by their panels in the dashboard's `panels`;
 * a collapsed row holds its panels in its own `panels`.
 */
export const rowPanelSchema = z.strictObject({
  type: z.literal("row"),
  id: z.number().int().min(1),
  title: z.string().max(200).default(""),
  gridPos: gridPosSchema,
  collapsed: z.boolean().default(false),
  panels: z.array(panelSchema).default([]),
  repeat: variableNameSchema.optional(),
});
export type RowPanel = z.infer<typeof rowPanelSchema>;

export const dashboardPanelSchema = z.discriminatedUnion("type", [...panelSchema.options, rowPanelSchema]);
export type DashboardPanel = z.infer<typeof dashboardPanelSchema>;
