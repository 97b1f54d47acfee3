// zod/mini, not zod: this module ships to the browser (environment.md, "Keep zod out of client bundles").
import * as z from "zod/mini";

export const labelSetSchema = z.record(z.string(), z.string());
export type LabelSet = z.infer<typeof labelSetSchema>;

/** `[unixSeconds, "value"]`: Prometheus sends values as strings so NaN and ±Inf survive JSON. */
export type SamplePair = [number, string];
const samplePairSchema = z.tuple([z.number(), z.string()]);

function isSamplePair(v: unknown): v is SamplePair {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && typeof v[1] === "string";
}

// A matrix can hold millions of samples; checking each one costs more than drawing it (STYLE §3
// "lean schema"), so only the first and last pair of each series are checked.
const samplePairsSchema = z.custom<SamplePair[]>(
  (v) => Array.isArray(v) && (v.length === 0 || (isSamplePair(v[0]) && isSamplePair(v[v.length - 1]))),
  { message: "expected [timestamp, value] pairs" },
);

export const matrixSeriesSchema = z.object({
  metric: labelSetSchema,
  values: z.optional(samplePairsSchema),
  // Native histograms are listed in the table, not drawn.
  histograms: z.optional(z.array(z.unknown())),
});
export type MatrixSeries = z.infer<typeof matrixSeriesSchema>;

export const vectorSampleSchema = z.object({
  metric: labelSetSchema,
  value: z.optional(samplePairSchema),
  histogram: z.optional(z.unknown()),
});
export type VectorSample = z.infer<typeof vectorSampleSchema>;

export const matrixDataSchema = z.object({ resultType: z.literal("matrix"), result: z.array(matrixSeriesSchema) });
export const vectorDataSchema = z.object({ resultType: z.literal("vector"), result: z.array(vectorSampleSchema) });
export const scalarDataSchema = z.object({ resultType: z.literal("scalar"), result: samplePairSchema });
export const stringDataSchema = z.object({ resultType: z.literal("string"), result: samplePairSchema });

export const queryDataSchema = z.discriminatedUnion("resultType", [
  matrixDataSchema,
  vectorDataSchema,
  scalarDataSchema,
  stringDataSchema,
]);
export type MatrixData = z.infer<typeof matrixDataSchema>;
export type QueryData = z.infer<typeof queryDataSchema>;

/** The Prometheus API envelope, which the proxy keeps for every `/api/ds/<id>/api/v1/*` answer. */
export const envelopeSchema = z.looseObject({
  status: z.enum(["success", "error"]),
  data: z.optional(z.unknown()),
  errorType: z.optional(z.string()),
  error: z.optional(z.string()),
  warnings: z.optional(z.array(z.string())),
  infos: z.optional(z.array(z.string())),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** A successful answer with the upstream's annotations, which the UI shows beside the result. */
export interface QueryResponse<D> {
  data: D;
  warnings: string[];
  infos: string[];
  /** How long the call took in the browser, and the upstream's share (the proxy's Server-Timing). */
  timing?: { totalMs: number; upstreamMs?: number; bytes: number };
}

/** A datasource as `GET /api/datasources` shows it: never its URL, credentials or headers. */
export const datasourceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(["prometheus", "thanos"]),
  default: z.boolean(),
  scrapeInterval: z.optional(z.string()),
  timeout: z.optional(z.string()),
  thanos: z.optional(z.record(z.string(), z.unknown())),
});
export type DatasourceInfo = z.infer<typeof datasourceSchema>;

export const datasourceListSchema = z.object({ datasources: z.array(datasourceSchema) });

/** Inputs of a `query_range` call; every field changes the result, so all are in the query key. */
export interface RangeQueryParams {
  datasource: string;
  expr: string;
  startS: number;
  endS: number;
  stepS: number;
}

/** Inputs of an instant `query` call, evaluated at `timeS`. */
export interface InstantQueryParams {
  datasource: string;
  expr: string;
  timeS: number;
}

/**
 * A failed API call, with the message users can act on. `errorType` is Prometheus's (`bad_data`,
 * `execution`, `timeout`, ...) or the proxy's (`unavailable`, `not_found`), or ours: `network`,
 * `bad_response`.
 */
export class PromQLError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = "PromQLError";
  }
}
