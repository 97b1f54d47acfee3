// zod/mini, not zod: the browser parses frames (environment.md, "Keep zod out of client bundles").
import * as z from "zod/mini";
import { labelSetSchema } from "@/lib/promql/types";

/** Media type and form parameter that ask the proxy for frames instead of Prometheus's matrix JSON. */
export const FRAMES_MEDIA_TYPE = "application/vnd.orrery.frames+json";
export const FRAMES_FORMAT_PARAM = "format";
export const FRAMES_WIDTH_PARAM = "width";
/**
 * With `width`: the time (epoch ms, fractional) of the M4 grid's left edge and right edge, so the
 * server's `width` columns are exactly the chart's device-pixel columns (else [start, end]).
 */
export const FRAMES_GRID_FROM_PARAM = "grid_from_ms";
export const FRAMES_GRID_TO_PARAM = "grid_to_ms";
export const FRAMES_ENCODING = "frames/v1";

/**
 * A sample value: a JSON number, null where the series has no sample at that grid point, or
 * Prometheus's text for the values JSON cannot hold ("NaN", "+Inf", "-Inf").
 */
export const frameValueSchema = z.union([z.number(), z.null(), z.enum(["NaN", "+Inf", "-Inf"])]);
export type FrameValue = z.infer<typeof frameValueSchema>;

// Like the matrix schema (lib/promql/types.ts), large frames are checked cheaply: arrays are
// checked to be arrays, and the decoder reads each value defensively.
const valuesSchema = z.custom<FrameValue[]>((v) => Array.isArray(v), { message: "expected an array of values" });
const indexDeltasSchema = z.custom<number[]>((v) => Array.isArray(v), { message: "expected an array of index deltas" });

export const frameSeriesSchema = z.object({
  labels: labelSetSchema,
  /**
   * Without `idx`: one value per grid point (`count` of them). With `idx` (server-side M4): the grid
   * index of each value, delta-encoded (the first is absolute, each next one is added to the previous).
   */
  values: valuesSchema,
  idx: z.optional(indexDeltasSchema),
});
export type FrameSeries = z.infer<typeof frameSeriesSchema>;

/**
 * A query_range matrix as columns: one shared step grid (`startMs + i * stepMs`, i < count) for every
 * series, values as numbers, labels once per series. `width` is set when the server reduced each
 * series with M4 for a plot of that many pixel columns over [`fromMs`, `toMs`].
 */
export const frameSchema = z.object({
  encoding: z.literal(FRAMES_ENCODING),
  resultType: z.literal("matrix"),
  startMs: z.number(),
  stepMs: z.number().check(z.positive()),
  count: z.number().check(z.int(), z.nonnegative()),
  width: z.optional(z.number().check(z.int(), z.positive())),
  fromMs: z.optional(z.number()),
  toMs: z.optional(z.number()),
  series: z.array(frameSeriesSchema),
});
export type Frame = z.infer<typeof frameSchema>;
