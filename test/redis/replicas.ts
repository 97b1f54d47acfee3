import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { newProcessRegistry } from "@/lib/ops/process-global";

/**
 * Writes an Orrery config (and points ORRERY_CONFIG / ORRERY_DATA_DIR / ORRERY_REDIS_URL at it) for
 * the in-process "replicas" below. `redisUrl: undefined` turns Redis off.
 */
export function writeReplicaConfig(config: Record<string, unknown>, redisUrl: string | undefined): string {
  const root = mkdtempSync(path.join(tmpdir(), "orrery-redis-test-"));
  const file = path.join(root, "orrery.config.json");
  writeFileSync(file, JSON.stringify(config));
  process.env.ORRERY_CONFIG = file;
  process.env.ORRERY_DATA_DIR = path.join(root, "data");
  process.env.ORRERY_PROVISIONED_DIR = path.join(root, "provisioned");
  if (redisUrl) process.env.ORRERY_REDIS_URL = redisUrl;
  else delete process.env.ORRERY_REDIS_URL;
  return root;
}

/**
 * One "replica": a fresh copy of the server modules (vi.resetModules) and a process registry of its
 * own, so its query layer, memory cache, coalescer, rate limiter and Redis connection are its own, as
 * in another process.
 */
export async function loadReplica() {
  // Its own process-wide state too (lib/ops/process-global.ts), which every module graph of one process shares.
  newProcessRegistry();
  vi.resetModules();
  const handle = await import("@/lib/promql/proxy/handle");
  const redis = await import("@/lib/redis/client");
  const layer = await import("@/lib/promql/query-layer");
  const health = await import("@/lib/ops/health");
  const routeModule = await import("@/app/api/ds/[ds]/api/v1/[...path]/route");
  const rateLimit = await import("@/lib/promql/query-layer/rate-limit");
  /** query_range through the proxy as the route calls it. */
  const queryRange = async (ds: string, query: string) => {
    const res = await handle.handleProxyRequest(new Request(`http://orrery.test/api/ds/${ds}/api/v1/query_range?${query}`), ds, ["query_range"]);
    return { status: res.status, cache: res.headers.get("x-orrery-cache"), text: await res.text() };
  };
  /** The real route handler (authorize, rate limit, proxy). */
  const route = (ds: string, pathAfterV1: string, query: string, headers: Record<string, string> = {}) =>
    routeModule.GET(new Request(`http://orrery.test/api/ds/${ds}/api/v1/${pathAfterV1}?${query}`, { headers }), {
      params: Promise.resolve({ ds, path: pathAfterV1.split("/") }),
    } as never);
  /** Waits until this replica's Redis connection is ready (or the given state is reached). */
  const waitForRedis = async (want: "ok" | "degraded" = "ok", timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (redis.redisState() !== want) {
      if (Date.now() > deadline) throw new Error(`redis state stayed ${redis.redisState()}, wanted ${want}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { queryRange, route, redis, layer, health, rateLimit, waitForRedis, close: () => redis.resetRedis() };
}
export type Replica = Awaited<ReturnType<typeof loadReplica>>;
