import "server-only";
import { createHash } from "node:crypto";
import type { SharedRedis } from "@/lib/redis/client";
import type { Extent } from "./extents";
import { ByteLru } from "./lru";

/** Where the extents cache keeps its entries: process memory, or Redis shared by all replicas. */
export interface ResultsCache {
  readonly backend: "memory" | "redis";
  get(key: string): Promise<Extent[] | undefined>;
  /** `bytes` is the caller's estimate for the memory bound; Redis measures the serialised entry itself. */
  set(key: string, extents: Extent[], bytes: number): Promise<void>;
}

export class MemoryResultsCache implements ResultsCache {
  readonly backend = "memory" as const;
  readonly lru: ByteLru<Extent[]>;

  constructor(maxBytes: number) {
    this.lru = new ByteLru(maxBytes);
  }

  async get(key: string): Promise<Extent[] | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, extents: Extent[], bytes: number): Promise<void> {
    this.lru.set(key, extents, bytes);
  }
}

/** The Redis key of a cache entry: a hash, so long PromQL never makes long keys; the entry repeats the full key. */
export function redisCacheKey(key: string): string {
  return `orrery:rc:${createHash("sha256").update(key).digest("base64url")}`;
}

/**
 * Entries in Redis, as JSON `{k, e}` (the full cache key and the extents), each written with a TTL.
 * Bytes are bounded by Redis itself (`maxmemory` + `allkeys-lru`, see docs/deploy.md): an own LRU
 * index would need a sorted set updated on every read by every replica. An entry larger than
 * `maxEntryBytes` is not stored. Any Redis failure falls back to the per-replica memory LRU, so
 * answers never wait on a dead Redis; nothing but series data is stored (never headers).
 */
export class RedisResultsCache implements ResultsCache {
  readonly backend = "redis" as const;

  constructor(
    private readonly redis: SharedRedis,
    readonly fallback: MemoryResultsCache,
    private readonly ttlMs: number,
    private readonly maxEntryBytes: number,
  ) {}

  async get(key: string): Promise<Extent[] | undefined> {
    let text: string | null;
    try {
      text = await this.redis.run((c) => c.get(redisCacheKey(key)));
    } catch {
      return this.fallback.get(key);
    }
    if (text === null) return undefined;
    try {
      const entry = JSON.parse(text) as { k?: unknown; e?: unknown };
      return entry.k === key && Array.isArray(entry.e) ? (entry.e as Extent[]) : undefined;
    } catch {
      return undefined; // a corrupt entry is a miss; the next store replaces it
    }
  }

  async set(key: string, extents: Extent[], bytes: number): Promise<void> {
    const text = JSON.stringify({ k: key, e: extents });
    if (Buffer.byteLength(text) > this.maxEntryBytes) return;
    try {
      await this.redis.run((c) => c.set(redisCacheKey(key), text, "PX", this.ttlMs));
    } catch {
      await this.fallback.set(key, extents, bytes);
    }
  }
}
