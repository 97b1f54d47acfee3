import "server-only";
import type { Principal } from "@/lib/auth/policy";
import { getConfig } from "@/lib/config";
import { metrics } from "@/lib/ops/metrics";
import { parseDurationMs } from "@/lib/promql/duration";
import { getRedis, type SharedRedis } from "@/lib/redis/client";
import { processGlobal, resetProcessGlobal } from "@/lib/ops/process-global";

export interface RateLimitSettings {
  requests: number;
  windowMs: number;
}

/** Refused: retry after this many whole seconds (at least 1). */
export interface RateLimited {
  retryAfterSeconds: number;
  limit: RateLimitSettings;
}

/**
 * The key a principal is limited by: the user id, the API token id, the embed token id, or for
 * anonymous visitors the client address (the last `x-forwarded-for` entry: the one the nearest proxy,
 * Next's own server included, appended; entries before it are the client's own claims).
 */
export function rateLimitKey(principal: Principal, req: Request): string {
  switch (principal.kind) {
    case "user":
      return `user:${principal.provider}:${principal.id}`;
    case "api-token":
      return `token:${principal.id}`;
    case "embed":
      return `embed:${principal.tokenId}`;
    case "anonymous": {
      const hops = (req.headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
      return `ip:${hops.at(-1) ?? "unknown"}`;
    }
  }
}

const MAX_KEYS = 100_000;

/** Fixed windows per key in process memory (the default, and the fallback while Redis fails). */
export class MemoryRateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(readonly limit: RateLimitSettings) {}

  hit(key: string, nowMs = Date.now()): RateLimited | undefined {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= nowMs) {
      if (this.windows.size >= MAX_KEYS) for (const [k, v] of this.windows) if (v.resetAt <= nowMs) this.windows.delete(k);
      w = { count: 0, resetAt: nowMs + this.limit.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= this.limit.requests) return undefined;
    return { retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000)), limit: this.limit };
  }
}

/**
 * Fixed windows in Redis, shared by every replica: `INCR` then `PEXPIRE NX` (the first hit of a
 * window starts its clock) and `PTTL` for Retry-After, in one MULTI. On any Redis error the
 * replica counts in its own memory instead (so the limit is per replica until Redis returns).
 */
export class RedisRateLimiter {
  constructor(
    private readonly redis: SharedRedis,
    readonly fallback: MemoryRateLimiter,
  ) {}

  get limit(): RateLimitSettings {
    return this.fallback.limit;
  }

  async hit(key: string): Promise<RateLimited | undefined> {
    const k = `orrery:rl:${key}`;
    let count: number;
    let ttlMs: number;
    try {
      const res = await this.redis.run((c) => c.multi().incr(k).pexpire(k, this.limit.windowMs, "NX").pttl(k).exec());
      if (!res || res.some(([err]) => err)) throw new Error("rate limit transaction failed");
      count = Number(res[0]![1]);
      ttlMs = Number(res[2]![1]);
    } catch {
      return this.fallback.hit(key);
    }
    if (count <= this.limit.requests) return undefined;
    return { retryAfterSeconds: Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : this.limit.windowMs) / 1000)), limit: this.limit };
  }
}

export type RateLimiter = MemoryRateLimiter | RedisRateLimiter;

/** "120 requests per 1m", for the 429 message. */
export function describeLimit(limit: RateLimitSettings): string {
  const s = limit.windowMs / 1000;
  const span = s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
  return `${limit.requests} requests per ${span}`;
}

/** The process's limiter from `query.rateLimit` (Redis-backed when ORRERY_REDIS_URL is set), or null when unlimited; one per server process, whichever bundle asks. */
export function getRateLimiter(): RateLimiter | null {
  return processGlobal("queryRateLimiter", (): { limiter: RateLimiter | null } => {
    const cfg = getConfig().query?.rateLimit;
    if (!cfg) return { limiter: null };
    const memory = new MemoryRateLimiter({ requests: cfg.requests, windowMs: parseDurationMs(cfg.window)! });
    const redis = getRedis();
    return { limiter: redis ? new RedisRateLimiter(redis, memory) : memory };
  }).limiter;
}

export function resetRateLimiter(): void {
  resetProcessGlobal("queryRateLimiter");
}

/**
 * Counts one proxy request of `principal`; a 429 Response in Prometheus's envelope (with
 * `Retry-After` in seconds, naming the limit) when over the limit, else undefined.
 */
export async function rateLimitResponse(principal: Principal, req: Request): Promise<Response | undefined> {
  const l = getRateLimiter();
  if (!l) return undefined;
  const refused = await l.hit(rateLimitKey(principal, req));
  if (!refused) return undefined;
  metrics().rateLimited.inc();
  const error = `rate limit exceeded: at most ${describeLimit(refused.limit)} per user (query.rateLimit); retry in ${refused.retryAfterSeconds}s`;
  return Response.json(
    { status: "error", errorType: "too_many_requests", error },
    { status: 429, headers: { "retry-after": String(refused.retryAfterSeconds), "cache-control": "no-store" } },
  );
}
