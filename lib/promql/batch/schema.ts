import * as z from "zod/mini";

// POST /api/queries: several PromQL proxy requests in one (issue 7 B5). The one schema of its body,
// used by the route to check it and by the client (lib/promql/batch/client.ts) to build it. zod/mini:
// the client's bundle stays small.

/** Most queries in one batch (a dashboard refresh sends one per distinct panel query). */
export const MAX_BATCH_QUERIES = 100;
/** Largest batch body accepted (each query's form is what its single POST would carry). */
export const MAX_BATCH_BODY_BYTES = 2 * 1024 * 1024;

/** The media type of the answer: the parts of lib/promql/batch/framing.ts, in completion order. */
export const BATCH_MEDIA_TYPE = "application/vnd.orrery.query-batch";

/** The proxy endpoints a batch may hold: the two a panel runs. */
export const BATCH_ENDPOINTS = ["query_range", "query"] as const;
export type BatchEndpoint = (typeof BATCH_ENDPOINTS)[number];

export const batchQuerySchema = z.object({
  /** Chosen by the client, unique in the batch: names the query's part of the answer. */
  id: z.string({ error: "must be a string" }).check(z.minLength(1, "must not be empty"), z.maxLength(64, "must be at most 64 characters")),
  datasource: z.string({ error: "must be a datasource id" }).check(z.minLength(1, "must not be empty"), z.maxLength(200, "must be at most 200 characters")),
  endpoint: z.enum(BATCH_ENDPOINTS, { error: `must be one of ${BATCH_ENDPOINTS.join(", ")}` }),
  /** The form its single POST /api/ds/<datasource>/api/v1/<endpoint> would carry (frames parameters included). */
  params: z.record(z.string(), z.string({ error: "must be a string" }), { error: "must be an object of string parameters" }),
  /** Typed in Explore: needs query:explore, as the single request's x-orrery-explore header does. */
  explore: z.optional(z.boolean({ error: "must be a boolean" })),
});
export type BatchQuery = z.infer<typeof batchQuerySchema>;

export const batchRequestSchema = z
  .object({
    queries: z
      .array(batchQuerySchema, { error: "must be an array of queries" })
      .check(z.minLength(1, "must hold at least one query"), z.maxLength(MAX_BATCH_QUERIES, `must hold at most ${MAX_BATCH_QUERIES} queries`)),
  }, { error: "must be an object { queries: [...] }" })
  .check(
    z.refine((b) => new Set(b.queries.map((q) => q.id)).size === b.queries.length, {
      message: "query ids must be unique",
      path: ["queries"],
    }),
  );
export type BatchRequest = z.infer<typeof batchRequestSchema>;

/** The header of one part of the answer: what the query's single request would have answered, minus the body. */
export const partHeaderSchema = z.object({
  id: z.string(),
  status: z.number(),
  /** The single answer's headers that matter to a client: content-type, server-timing, retry-after, x-orrery-*. */
  headers: z.record(z.string(), z.string()),
});
export type PartHeader = z.infer<typeof partHeaderSchema>;
