// zod/mini, not zod: the page parses the route's JSON with this schema in the browser.
import * as z from "zod/mini";

export const NODE_KINDS = [
  "prometheus",
  "scrape-job",
  "remote-write",
  "thanos-query",
  "sidecar",
  "store",
  "rule",
  "receive",
  "query",
  "debug",
  "parquet-gateway",
  "unknown-store-api",
  "bucket",
  "compactor",
  "thanos-component",
] as const;

export const healthSchema = z.enum(["up", "down", "degraded", "unknown"]);
export type Health = z.infer<typeof healthSchema>;

/** Milliseconds since the epoch as a decimal string, or "open-ended" for Thanos' MaxInt64/min sentinels. */
export const timeBoundSchema = z.string();

export const topologyNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(NODE_KINDS),
  name: z.string(),
  /** The configured datasource this node was read from, when it is one. */
  datasourceId: z.optional(z.string()),
  address: z.optional(z.string()),
  version: z.optional(z.string()),
  externalLabels: z.optional(z.record(z.string(), z.string())),
  labelSets: z.optional(z.array(z.record(z.string(), z.string()))),
  health: healthSchema,
  healthReason: z.optional(z.string()),
  targetsUp: z.optional(z.number()),
  targetsDown: z.optional(z.number()),
  headSeries: z.optional(z.number()),
  samplesPerSecond: z.optional(z.number()),
  lastCheck: z.optional(z.string()),
  timeRange: z.optional(z.object({ minTime: timeBoundSchema, maxTime: timeBoundSchema })),
});
export type TopologyNode = z.infer<typeof topologyNodeSchema>;
export type NodeKind = TopologyNode["kind"];

export const EDGE_KINDS = ["scrapes", "federates", "remote-writes", "queries", "uploads", "reads"] as const;

export const topologyEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  kind: z.enum(EDGE_KINDS),
  lastScrapeAgeSeconds: z.optional(z.number()),
  scrapeDurationSeconds: z.optional(z.number()),
  federationLagSeconds: z.optional(z.number()),
  /** The parent's scrape job of a /federate edge. */
  job: z.optional(z.string()),
  /** The federation `match[]` selectors of a /federate scrape. */
  match: z.optional(z.array(z.string())),
  /** Samples per second carried: scraped (scrape_samples_scraped / interval), federated, or remote-written. */
  samplesPerSecond: z.optional(z.number()),
  /** remote_write: samples waiting in the queue, samples/s failing, and how far the sent data trails the newest appended sample. */
  pendingSamples: z.optional(z.number()),
  failedSamplesPerSecond: z.optional(z.number()),
  remoteWriteLagSeconds: z.optional(z.number()),
  /** Object storage operations per second (uploads / reads edges). */
  operationsPerSecond: z.optional(z.number()),
  error: z.optional(z.string()),
  /** Something wrong but not failing, e.g. lag over the threshold. */
  warning: z.optional(z.string()),
});
export type TopologyEdge = z.infer<typeof topologyEdgeSchema>;

export const topologySchema = z.object({
  datasourceId: z.string(),
  nodes: z.array(topologyNodeSchema),
  edges: z.array(topologyEdgeSchema),
  /** ISO time the graph was read. */
  discoveredAt: z.string(),
  /** Failures that left part of the graph unknown; the rest is still returned. */
  errors: z.array(z.object({ source: z.string(), message: z.string() })),
});
export type Topology = z.infer<typeof topologySchema>;
