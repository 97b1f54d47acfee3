import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { SharedRedis } from "@/lib/redis/client";
import { checkedFetched, type Fetched } from "./fetch";

export interface ReplicaCoalesceOptions {
  /** How long a lock holder may take before others stop waiting for it (the lock's PX). */
  lockMs: number;
  /** Poll interval of a waiting replica. */
  pollMs: number;
}

export type SharedOutcome = { fetched: Fetched; from: "self" | "replica" | "window" };

// Deletes the lock only if it is still ours: a slow holder never frees a later holder's lock.
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

function encode(f: Fetched): string {
  return JSON.stringify({ s: f.status, c: f.cacheControl ?? null, b: f.body.toString("utf8") });
}

function decode(text: string): Fetched | undefined {
  try {
    const { s, c, b } = JSON.parse(text) as { s: number; c: string | null; b: string };
    // Only cacheable parts are shared: their data is read (parsed now).
    const f = checkedFetched(s, c ?? undefined, Buffer.from(b, "utf8"), 0, "application/json", true);
    return "reason" in f ? undefined : f;
  } catch {
    return undefined;
  }
}

/**
 * Coalescing across replicas through Redis, for cacheable query_range parts: a short lock per
 * request key (`SET lock NX PX lockMs GET`). The holder fetches and publishes a clean answer under
 * `answer:<key>:<its token>` (and, with a coalescing window, under `recent:<key>` for that long);
 * the others poll for that answer until the lock is released or expires, then fetch themselves.
 * Waits are bounded by `lockMs`; any Redis error means "fetch yourself" (never a deadlock).
 */
export class ReplicaCoalescer {
  constructor(
    private readonly redis: SharedRedis,
    private readonly opts: ReplicaCoalesceOptions,
  ) {}

  async run(key: string, windowMs: number, fetch: () => Promise<Fetched>, shareable: (f: Fetched) => boolean, signal?: AbortSignal): Promise<SharedOutcome> {
    const h = createHash("sha256").update(key).digest("base64url");
    const lockKey = `orrery:lock:${h}`;
    const recentKey = `orrery:recent:${h}`;
    const token = randomUUID();
    let holder: string | null;
    try {
      if (windowMs > 0) {
        const recent = await this.redis.run((c) => c.get(recentKey));
        const f = recent === null ? undefined : decode(recent);
        if (f) return { fetched: f, from: "window" };
      }
      holder = (await this.redis.run((c) => c.call("SET", lockKey, token, "PX", String(this.opts.lockMs), "NX", "GET"))) as string | null;
    } catch {
      return { fetched: await fetch(), from: "self" };
    }
    if (holder === null) return { fetched: await this.fetchAndPublish(lockKey, recentKey, h, token, windowMs, fetch, shareable), from: "self" };
    const shared = await this.waitFor(lockKey, `orrery:answer:${h}:${holder}`, holder, signal);
    return shared ? { fetched: shared, from: "replica" } : { fetched: await fetch(), from: "self" };
  }

  private async fetchAndPublish(lockKey: string, recentKey: string, h: string, token: string, windowMs: number, fetch: () => Promise<Fetched>, shareable: (f: Fetched) => boolean): Promise<Fetched> {
    try {
      const f = await fetch();
      if (shareable(f)) {
        const text = encode(f);
        await this.redis
          .run((c) => {
            const m = c.multi().set(`orrery:answer:${h}:${token}`, text, "PX", this.opts.lockMs);
            if (windowMs > 0) m.set(recentKey, text, "PX", windowMs);
            return m.exec();
          })
          .catch(() => undefined);
      }
      return f;
    } finally {
      await this.redis.run((c) => c.eval(RELEASE, 1, lockKey, token)).catch(() => undefined);
    }
  }

  /** The holder's answer, or undefined once its lock is gone without one (or on timeout/abort/Redis errors). */
  private async waitFor(lockKey: string, answerKey: string, holder: string, signal?: AbortSignal): Promise<Fetched | undefined> {
    const deadline = Date.now() + this.opts.lockMs;
    while (Date.now() < deadline && !signal?.aborted) {
      let answer: string | null | undefined;
      let lock: string | null | undefined;
      try {
        [answer, lock] = await this.redis.run((c) => c.mget(answerKey, lockKey));
      } catch {
        return undefined;
      }
      if (answer) return decode(answer);
      if (lock !== holder) return undefined;
      await sleep(this.opts.pollMs);
    }
    return undefined;
  }
}
