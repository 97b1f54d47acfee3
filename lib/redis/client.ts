import "server-only";
import { Redis } from "ioredis";
import { log } from "@/lib/ops/log";
import { existingProcessGlobal, processGlobal, resetProcessGlobal } from "@/lib/ops/process-global";

/** `ok`: connected; `degraded`: configured but unreachable (replicas use their own memory); `off`: not configured. */
export type RedisState = "ok" | "degraded" | "off";

/**
 * One Redis connection shared by the results cache, the cross-replica coalescing lock, the rate
 * limit and the embed-token revocation cache. Commands never queue while disconnected and time out
 * after `commandTimeoutMs`, so callers fail fast and fall back to process memory; ioredis
 * reconnects on its own (backoff up to 2 s). State changes are logged once each.
 */
export class SharedRedis {
  readonly client: Redis;
  private failing = false;
  private lastState: RedisState | undefined;

  constructor(url: string, opts: { commandTimeoutMs?: number; name?: string } = {}) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: opts.commandTimeoutMs ?? 1000,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(100 * times, 2000),
      connectionName: opts.name ?? "orrery",
    });
    this.client.on("ready", () => {
      this.failing = false;
      this.report();
    });
    this.client.on("end", () => this.report());
    this.client.on("close", () => this.report());
    // ioredis emits every failed reconnect as "error": the state change is logged once in report().
    this.client.on("error", () => this.report());
  }

  /** ok only when connected and the last command did not fail. */
  state(): RedisState {
    return this.client.status === "ready" && !this.failing ? "ok" : "degraded";
  }

  /** Runs commands on Redis; a failure marks the state degraded and rethrows (the caller falls back). */
  async run<T>(fn: (client: Redis) => Promise<T>): Promise<T> {
    if (this.client.status !== "ready") {
      this.report();
      throw new Error(`redis is ${this.client.status}`);
    }
    try {
      const out = await fn(this.client);
      if (this.failing) {
        this.failing = false;
        this.report();
      }
      return out;
    } catch (e) {
      this.failing = true;
      this.report((e as Error).message);
      throw e;
    }
  }

  private report(reason?: string): void {
    const now = this.state();
    if (now === this.lastState) return;
    const first = this.lastState === undefined;
    this.lastState = now;
    if (now === "ok") log.info({ redis: now }, first ? "redis connected" : "redis recovered: shared cache and limits in use again");
    else if (!first || reason) log.warn({ redis: now, reason: reason ?? this.client.status }, "redis unavailable: each replica falls back to its own memory");
  }

  async close(): Promise<void> {
    this.client.disconnect(false);
  }
}

/** The process's Redis when ORRERY_REDIS_URL is set, else null. Connects on first use; one connection per server process, whichever bundle asks. */
export function getRedis(): SharedRedis | null {
  return processGlobal("redis", () => ({ client: process.env.ORRERY_REDIS_URL ? new SharedRedis(process.env.ORRERY_REDIS_URL) : null })).client;
}

/** For /api/health and /api/metrics. */
export function redisState(): RedisState {
  return getRedis()?.state() ?? "off";
}

/** Closes and forgets the process's Redis (tests). */
export async function resetRedis(): Promise<void> {
  const held = existingProcessGlobal<{ client: SharedRedis | null }>("redis");
  resetProcessGlobal("redis");
  await held?.client?.close();
}
