import "server-only";
import { access, constants, mkdir } from "node:fs/promises";
import { getConfig } from "@/lib/config";
import type { Datasource } from "@/lib/config/schema";
import { getDashboardRepository, loadRepositoryConfig } from "@/lib/dashboards/repository";
import { requestUpstream } from "@/lib/promql/proxy/upstream";
import { redisState, type RedisState } from "@/lib/redis/client";
import { log } from "./log";
import { metrics } from "./metrics";

export type StoreStatus = "ok" | "unavailable";

/** `/api/health`: the process answers; Redis and store states are informational. No URLs, no secrets. */
export interface Health {
  status: "ok";
  redis: RedisState;
  store: StoreStatus;
}

/**
 * `/api/ready`. `not_ready` (503): the store is unreachable, or no configured datasource answers.
 * `degraded` (200): some datasource does not answer, or Redis is configured but unreachable — the
 * replica still serves, and taking every replica out of the load balancer because one of several
 * Prometheus servers is down would make things worse. Per datasource by id only (no URLs).
 */
export interface Readiness {
  status: "ready" | "degraded" | "not_ready";
  store: StoreStatus;
  redis: RedisState;
  datasources: Record<string, "ok" | "unreachable">;
}

interface Pingable {
  ping?: () => Promise<{ ok: boolean; error?: string }>;
}

/**
 * Whether the dashboard store can be used now: the store's own `ping()` where it has one (the
 * PostgreSQL store), else the data folder exists or can be created and is writable.
 */
export async function storeStatus(): Promise<StoreStatus> {
  const end = metrics().storeDuration.startTimer({ operation: "ping" });
  let ok = false;
  let reason: string | undefined;
  try {
    const repo = getDashboardRepository() as unknown as Pingable;
    if (typeof repo.ping === "function") {
      const r = await repo.ping();
      ok = r.ok;
      reason = r.error;
    } else {
      const { dataDir } = loadRepositoryConfig();
      await mkdir(dataDir, { recursive: true });
      await access(dataDir, constants.R_OK | constants.W_OK);
      ok = true;
    }
  } catch (e) {
    reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
  end({ outcome: ok ? "ok" : "error" });
  if (!ok) log.warn({ reason }, "dashboard store not reachable");
  return ok ? "ok" : "unavailable";
}

/** One `buildinfo` request (Prometheus and Thanos Query both serve it), bounded by `timeoutMs`. */
async function datasourceReachable(ds: Datasource, timeoutMs: number): Promise<boolean> {
  const signal = AbortSignal.timeout(Math.min(timeoutMs, ds.timeoutMs));
  try {
    const res = await requestUpstream(ds, { method: "GET", path: "status/buildinfo", params: new URLSearchParams(), signal });
    // Any HTTP answer below 500 means the server is up (401/403: Orrery's credentials are wrong, which the proxy reports per query).
    return res.status < 500;
  } catch {
    return false;
  }
}

export async function health(): Promise<Health> {
  return { status: "ok", redis: redisState(), store: await storeStatus() };
}

/** Readiness; each datasource is checked in parallel with at most `timeoutMs` each. */
export async function readiness(timeoutMs = 2000): Promise<Readiness> {
  const datasources = getConfig().datasources;
  const [store, reach] = await Promise.all([storeStatus(), Promise.all(datasources.map((ds) => datasourceReachable(ds, timeoutMs)))]);
  const byId: Readiness["datasources"] = {};
  datasources.forEach((ds, i) => (byId[ds.id] = reach[i] ? "ok" : "unreachable"));
  const redis = redisState();
  const notReady = store !== "ok" || (reach.length > 0 && !reach.some(Boolean));
  const status = notReady ? "not_ready" : redis === "degraded" || !reach.every(Boolean) ? "degraded" : "ready";
  return { status, store, redis, datasources: byId };
}
