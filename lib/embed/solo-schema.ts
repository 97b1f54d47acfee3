import * as z from "zod/mini";
import { frameSchema } from "@/lib/promql/frames/schema";
import { queryDataSchema } from "@/lib/promql/types";

// The answer of GET /api/d-solo/<uid>/panels/<id>/query, parsed again by the solo page (zod/mini:
// the page's bundle stays small). The panel itself was parsed with the dashboard schema on the server.

const targetResultSchema = z.union([
  z.object({
    refId: z.string(),
    legendFormat: z.string(),
    instant: z.boolean(),
    stepS: z.number(),
    /** Prometheus's data; a frame (lib/promql/frames) when the page sent its plot area and the panel's lines were M4-reduced for it. */
    data: z.union([queryDataSchema, frameSchema]),
    warnings: z.array(z.string()),
  }),
  z.object({ refId: z.string(), error: z.string() }),
]);
export type SoloTargetResult = z.infer<typeof targetResultSchema>;

export const soloPanelResponseSchema = z.object({
  dashboard: z.object({ uid: z.string(), title: z.string(), version: z.number() }),
  /** The stored panel (with its targets' expressions left out for embed tokens). */
  panel: z.looseObject({ id: z.number(), type: z.string(), title: z.string() }),
  /** The panel title with variables interpolated. */
  title: z.string(),
  timezone: z.string(),
  /** The range actually queried (clamped to the token's policy). */
  range: z.object({ startMs: z.number(), endMs: z.number() }),
  /** The variable values the queries ran with. */
  variables: z.record(z.string(), z.array(z.string())),
  targets: z.array(targetResultSchema),
  /** Whether the panel's lines are M4-reduced on the server once the page sends its chart's plot area (plot_left_px, ...). */
  m4: z.optional(z.boolean()),
  /** A problem planning the panel's queries (bad min step, unknown datasource); no targets ran. */
  error: z.optional(z.string()),
});
export type SoloPanelResponse = z.infer<typeof soloPanelResponseSchema>;
