import { z } from "zod";
import { parseDurationMs } from "@/lib/promql/duration";
import { authConfigSchema, type AuthConfig } from "@/lib/auth/config-schema";
import { storageConfigSchema, type StorageConfig } from "@/lib/storage/config";
import { parseAllowPattern } from "@/lib/topology/allowlist";

const durationSchema = z.string().refine((s) => parseDurationMs(s) !== null && parseDurationMs(s)! > 0, {
  message: 'must be a positive Prometheus duration such as "30s" or "1m"',
});

// Headers we never let configuration set: they belong to the connection or to identity.
const FORBIDDEN_HEADERS = new Set([
  "host", "connection", "content-length", "content-type", "transfer-encoding", "te", "trailer", "upgrade",
  "keep-alive", "proxy-authorization", "proxy-connection", "cookie", "accept-encoding", "authorization",
]);

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

const headersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "must be a valid HTTP header name" });
    else if (FORBIDDEN_HEADERS.has(name.toLowerCase())) {
      ctx.addIssue({ code: "custom", path: [name], message: "may not be set in datasource headers (use auth for Authorization)" });
    } else if (/[\r\n\0]/.test(value)) ctx.addIssue({ code: "custom", path: [name], message: "must not contain line breaks" });
  }
});

const authSchema = z.union([
  z.strictObject({ bearerToken: z.string().min(1) }),
  z.strictObject({ basicAuth: z.strictObject({ username: z.string().min(1), password: z.string() }) }),
]);

/** Thanos Query parameters applied when a request does not set them itself. */
export const thanosDefaultsSchema = z.strictObject({
  dedup: z.boolean().optional(),
  partialResponse: z.boolean().optional(),
  maxSourceResolution: z
    .string()
    .refine((s) => s === "auto" || s === "0" || parseDurationMs(s) !== null, {
      message: 'must be "auto", "0s" or a duration such as "5m" or "1h"',
    })
    .optional(),
  replicaLabels: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a label name")).optional(),
  engine: z.enum(["prometheus", "thanos"]).optional(),
});

const upstreamUrlSchema = z
  .string()
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be an absolute http(s) URL" });
      return;
    }
    const problem = !/^https?:$/.test(url.protocol)
      ? "must use http or https"
      : url.search || url.hash
        ? "must not have a query string or fragment"
        : url.username || url.password
          ? "must not embed credentials; use auth"
          : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((u) => u.replace(/\/+$/, ""));

export const datasourceConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, "must be 1-40 letters, digits, '-' or '_'"),
    name: z.string().min(1).max(100).optional(),
    type: z.enum(["prometheus", "thanos"]),
    url: upstreamUrlSchema,
    default: z.boolean().default(false),
    timeout: durationSchema.default("30s"),
    scrapeInterval: durationSchema.default("15s"),
    auth: authSchema.optional(),
    headers: headersSchema.optional(),
    acceptEncoding: z.enum(["auto", "gzip", "identity"]).default("auto"),
    thanos: thanosDefaultsSchema.optional(),
  })
  .refine((ds) => ds.type === "thanos" || ds.thanos === undefined, {
    message: 'thanos parameters are only valid for type "thanos"',
    path: ["thanos"],
  });

const ANNOTATION_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Optional per-revision Knative settings that are not metrics (containerConcurrency, autoscaling
 * annotations), matched by namespace and revision name (exact, or a glob with `*`, e.g. "checkout-*").
 */
export const knativeConfigSchema = z.strictObject({
  revisions: z
    .array(
      z.strictObject({
        namespace: z.string().min(1).max(253),
        revision: z.string().min(1).max(253).regex(/^[a-z0-9*]([-a-z0-9.*]*[a-z0-9*])?$/, "must be a revision name or a glob such as checkout-*"),
        containerConcurrency: z.number().int().min(0).max(1000).optional(),
        annotations: z
          .record(z.string().regex(ANNOTATION_KEY, "must be an annotation key such as autoscaling.knative.dev/target"), z.string().max(1000))
          .optional(),
      }),
    )
    .default([]),
});
export type KnativeConfig = z.infer<typeof knativeConfigSchema>;

/** Optional topology discovery settings (lib/topology): which discovered servers Orrery may read. */
export const topologyConfigSchema = z.strictObject({
  /** `scheme://host[:port]` globs (`*` port, `*.domain` host) of discovered servers that may be requested. */
  allow: z
    .array(
      z.string().superRefine((entry, ctx) => {
        try {
          parseAllowPattern(entry);
        } catch (e) {
          ctx.addIssue({ code: "custom", message: (e as Error).message });
        }
      }),
    )
    .default([]),
  /** Federation / nested-querier levels followed below the datasource. */
  maxDepth: z.number().int().min(1).max(10).default(4),
  /** Federation or remote-write lag above this marks the node degraded. */
  lagThreshold: durationSchema.default("2m"),
  /** A nested querier is listed by its gRPC address; its HTTP API is assumed at gRPC port + this (Thanos: 10901 → 10902). */
  thanosHttpPortOffset: z.number().int().min(-65535).max(65535).default(1),
});
export type TopologyConfig = z.infer<typeof topologyConfigSchema>;

/** Dashboard settings (lib/dashboards): Grafana's `min_refresh_interval`. */
export const dashboardsConfigSchema = z.strictObject({
  /** Auto-refresh choices below this are hidden, and a shorter `refresh=` in a URL is raised to it. */
  minRefreshInterval: durationSchema.default("5s"),
});
export type DashboardsConfig = z.infer<typeof dashboardsConfigSchema>;

/** The query layer in front of the upstreams (lib/promql/query-layer): alignment, cache, splitting, limits. */
export const queryConfigSchema = z.strictObject({
  /** Round query_range start and end down to multiples of the step, so equal views share cache entries. */
  alignRangeWithStep: z.boolean().default(true),
  /** Share one upstream request between identical query / query_range requests in flight. */
  coalesce: z.boolean().default(true),
  /**
   * A cacheable query_range part answered cleanly is also shared with identical requests arriving
   * this long after it, and its newest, never-cached part with any request whose missing range it
   * covers, so viewers refreshing together cost one upstream request per query. "0s" turns it off;
   * keep it under the shortest refresh interval (it bounds how late a late sample can show).
   */
  coalesceWindow: z
    .string()
    .refine((s) => parseDurationMs(s) !== null, { message: 'must be a Prometheus duration such as "0s" or "5s"' })
    .default("5s"),
  cache: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Memory bound of the results cache in bytes (LRU eviction). */
      maxBytes: z.number().int().min(0).default(256 * 1024 * 1024),
      /** The newest part of a range that is never cached: late samples still arrive there. */
      maxFreshness: durationSchema.default("1m"),
      /** With Redis (ORRERY_REDIS_URL): entries expire this long after their last write (bytes are bounded by Redis `maxmemory`). */
      ttl: durationSchema.default("24h"),
    })
    .prefault({}),
  /** Long query_range requests are split at multiples of this interval and fetched in parallel. */
  splitInterval: durationSchema.default("24h"),
  /** Sub-range requests of one query_range in flight at once. */
  maxParallelSplits: z.number().int().min(1).max(256).default(14),
  /** Upstream query / query_range requests in flight per datasource; more wait. */
  maxConcurrentPerDatasource: z.number().int().min(1).max(1024).default(32),
  /** Longest query_range accepted (400 beyond it); absent = no limit. */
  maxRange: durationSchema.optional(),
  /** Most series a query / query_range may return (422 beyond it); absent = no limit. */
  maxSeries: z.number().int().min(1).optional(),
  /**
   * Proxy answers smaller than this many bytes are sent without gzip (marked `Cache-Control:
   * no-transform`, which Next's compression honours): a zlib stream per response costs the server more
   * than the bytes save while the body fits the first round trip. 0 = gzip every answer.
   */
  compressMinBytes: z.number().int().min(0).default(4096),
  /** Per-principal limit on proxy requests (429 with Retry-After beyond it); absent = no limit. */
  rateLimit: z.strictObject({ requests: z.number().int().min(1), window: durationSchema.default("1m") }).optional(),
});
export type QueryConfig = z.infer<typeof queryConfigSchema>;

/** `/api/metrics`: readable by admins, or by a scraper sending `Authorization: Bearer <token>`. */
export const metricsConfigSchema = z.strictObject({ token: z.string().min(16, "must be at least 16 characters").optional() });

export const orreryConfigSchema = z
  .strictObject({ datasources: z.array(datasourceConfigSchema).default([]), knative: knativeConfigSchema.optional(), topology: topologyConfigSchema.optional(), dashboards: dashboardsConfigSchema.optional(), auth: authConfigSchema.optional(), query: queryConfigSchema.optional(), storage: storageConfigSchema.optional(), metrics: metricsConfigSchema.optional() })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.datasources.forEach((ds, i) => {
      if (seen.has(ds.id)) ctx.addIssue({ code: "custom", path: ["datasources", i, "id"], message: `duplicate id "${ds.id}"` });
      seen.add(ds.id);
    });
    if (cfg.datasources.filter((ds) => ds.default).length > 1) {
      ctx.addIssue({ code: "custom", path: ["datasources"], message: "at most one datasource may be the default" });
    }
  });

export type DatasourceConfigInput = z.input<typeof datasourceConfigSchema>;
export type ThanosDefaults = z.infer<typeof thanosDefaultsSchema>;

/** A datasource after validation: name and default filled in, durations in milliseconds. */
export interface Datasource {
  id: string;
  name: string;
  type: "prometheus" | "thanos";
  url: string;
  default: boolean;
  timeoutMs: number;
  scrapeIntervalMs: number;
  auth?: z.infer<typeof authSchema>;
  headers: Record<string, string>;
  /** What the proxy asks the upstream for; `auto` (absent): gzip unless the upstream is on loopback. */
  acceptEncoding?: "auto" | "gzip" | "identity";
  thanos: ThanosDefaults;
}

export interface OrreryConfig {
  datasources: Datasource[];
  knative?: KnativeConfig;
  topology?: TopologyConfig;
  dashboards?: DashboardsConfig;
  auth?: AuthConfig;
  query?: QueryConfig;
  storage?: StorageConfig;
  metrics?: z.infer<typeof metricsConfigSchema>;
}
