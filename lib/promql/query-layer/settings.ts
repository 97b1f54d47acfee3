import { parseDurationMs } from "@/lib/promql/duration";
import type { QueryConfig } from "@/lib/config/schema";

/** The query layer's knobs in milliseconds/bytes, from the `query` config section (all optional). */
export interface QuerySettings {
  alignRangeWithStep: boolean;
  coalesce: boolean;
  coalesceWindowMs: number;
  cacheEnabled: boolean;
  cacheMaxBytes: number;
  /** Redis entries expire this long after their last write. */
  cacheTtlMs: number;
  maxFreshnessMs: number;
  splitIntervalMs: number;
  maxParallelSplits: number;
  maxConcurrentPerDatasource: number;
  maxRangeMs?: number;
  maxSeries?: number;
  /** Answers below this many bytes skip Next's gzip (lib/http/compression.ts); 0 = gzip all. */
  compressMinBytes: number;
}

export function querySettings(cfg: QueryConfig | undefined): QuerySettings {
  return {
    alignRangeWithStep: cfg?.alignRangeWithStep ?? true,
    coalesce: cfg?.coalesce ?? true,
    coalesceWindowMs: parseDurationMs(cfg?.coalesceWindow ?? "5s") ?? 0,
    cacheEnabled: cfg?.cache?.enabled ?? true,
    cacheMaxBytes: cfg?.cache?.maxBytes ?? 256 * 1024 * 1024,
    cacheTtlMs: parseDurationMs(cfg?.cache?.ttl ?? "24h")!,
    maxFreshnessMs: parseDurationMs(cfg?.cache?.maxFreshness ?? "1m")!,
    splitIntervalMs: parseDurationMs(cfg?.splitInterval ?? "24h")!,
    maxParallelSplits: cfg?.maxParallelSplits ?? 14,
    maxConcurrentPerDatasource: cfg?.maxConcurrentPerDatasource ?? 32,
    compressMinBytes: cfg?.compressMinBytes ?? 4096,
    ...(cfg?.maxRange ? { maxRangeMs: parseDurationMs(cfg.maxRange)! } : {}),
    ...(cfg?.maxSeries ? { maxSeries: cfg.maxSeries } : {}),
  };
}

/**
 * Whether a query_range request may be answered from, and stored in, the results cache.
 * Never: Thanos `dedup=false` (thanos#5300: wrong results were served for dedup=true), any
 * `storeMatch[]`, `stats` (execution-dependent), `@` modifiers (start()/end() depend on the range),
 * negative offsets (they read data newer than the freshness cut).
 */
export function isCacheableRequest(params: URLSearchParams): boolean {
  if (params.get("dedup")?.toLowerCase() === "false") return false;
  if (params.has("storeMatch[]")) return false;
  if (params.has("stats")) return false;
  const query = params.get("query") ?? "";
  if (query.includes("@")) return false;
  if (/offset\s*-/i.test(query)) return false;
  return true;
}

/**
 * The cache key: datasource, the query (trimmed), the step and every other parameter that changes
 * the answer (Thanos dedup, partial_response, replicaLabels[], max_source_resolution, engine,
 * lookback_delta, ...), sorted. Only start, end and timeout are left out.
 */
export function cacheKey(dsId: string, params: URLSearchParams): string {
  const rest = [...params.entries()]
    .filter(([k]) => k !== "start" && k !== "end" && k !== "timeout")
    .map(([k, v]) => [k, k === "query" ? v.trim() : v] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify([dsId, rest]);
}

/** The coalescing key: every parameter, in order of name (identical requests, whatever their parameter order). */
export function requestKey(dsId: string, endpoint: string, params: URLSearchParams): string {
  const all = [...params.entries()].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify([dsId, endpoint, all]);
}
