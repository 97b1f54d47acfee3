import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { redisState } from "@/lib/redis/client";
import { processGlobal } from "./process-global";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "orrery_" });
  const registers = [registry];
  const cacheRequests = new Counter({
    name: "orrery_query_cache_requests_total",
    help: "query_range answers of the query layer by cache outcome (hit: no upstream request; partial: only missing sub-ranges fetched; miss; bypass: not cacheable)",
    labelNames: ["result"] as const,
    registers,
  });
  const metrics = {
    registry,
    httpDuration: new Histogram({
      name: "orrery_http_request_duration_seconds",
      help: "API request durations by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: "orrery_upstream_request_duration_seconds",
      help: "Requests to Prometheus/Thanos by datasource id, endpoint and HTTP status (0: no answer)",
      labelNames: ["datasource", "endpoint", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    cacheRequests,
    coalesced: new Counter({
      name: "orrery_coalesced_requests_total",
      help: "Requests answered by another request's upstream call: process (in flight here), window (recent answer), replica (another replica's answer via Redis)",
      labelNames: ["scope"] as const,
      registers,
    }),
    rateLimited: new Counter({ name: "orrery_rate_limited_requests_total", help: "Proxy requests refused with 429 (query.rateLimit)", registers }),
    storeDuration: new Histogram({
      name: "orrery_store_operation_duration_seconds",
      help: "Dashboard store operations by operation and outcome",
      labelNames: ["operation", "outcome"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
  };
  new Gauge({
    name: "orrery_query_cache_hit_ratio",
    help: "hit / (hit + partial + miss) of query_range answers since start (partial answers count as misses)",
    registers,
    async collect() {
      const values = (await cacheRequests.get()).values;
      const n = (r: string) => values.find((v) => v.labels.result === r)?.value ?? 0;
      const total = n("hit") + n("partial") + n("miss");
      this.set(total ? n("hit") / total : 0);
    },
  });
  new Gauge({
    name: "orrery_redis_state",
    help: "1 for the current Redis state (ok, degraded, off)",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const now = redisState();
      for (const s of ["ok", "degraded", "off"]) this.set({ state: s }, s === now ? 1 : 0);
    },
  });
  return metrics;
}

type Metrics = ReturnType<typeof create>;

/** The process's metrics (one registry per process, whatever module instance asks). */
export function metrics(): Metrics {
  return processGlobal("metrics", create);
}

/** Times `fn` as a dashboard-store operation. */
export async function timeStore<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  const end = metrics().storeDuration.startTimer({ operation });
  try {
    const out = await fn();
    end({ outcome: "ok" });
    return out;
  } catch (e) {
    end({ outcome: "error" });
    throw e;
  }
}
