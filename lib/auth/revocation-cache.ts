import "server-only";
import type { SharedRedis } from "@/lib/redis/client";
import { getRedis } from "@/lib/redis/client";

/** How long a replica trusts its own "known, not revoked" answer when Redis says not revoked either. */
const LOCAL_TTL_MS = 10_000;
const MAX_LOCAL = 10_000;

/**
 * Embed-token revocations shared through Redis, in front of the token store (the file or document
 * store stays the source of truth). A revocation is written to the store first, then published as
 * `orrery:revoked:<jti>` (expiring with the token), so every replica refuses the token at once.
 * A replica remembers "recorded and not revoked" for 10 s and re-checks only Redis meanwhile,
 * which saves a store read per embed request; a token the store does not know is never cached
 * (a token minted on another replica a moment ago is found on the next read). Without Redis, or
 * while it fails, every check reads the store, as before.
 */
export class RevocationCache {
  private readonly valid = new Map<string, number>();

  constructor(private readonly redis: () => SharedRedis | null = getRedis) {}

  /** After the store recorded the revocation: tell the other replicas. */
  async markRevoked(jti: string, expiresAtMs: number): Promise<void> {
    this.valid.delete(jti);
    const redis = this.redis();
    const ttlMs = Math.max(1000, expiresAtMs - Date.now());
    await redis?.run((c) => c.set(`orrery:revoked:${jti}`, "1", "PX", ttlMs)).catch(() => undefined);
  }

  /** Revoked? Redis first (shared, immediate), then this replica's recent answer, else the store. */
  async isRevoked(jti: string, readStore: () => Promise<boolean>): Promise<boolean> {
    const redis = this.redis();
    let shared: boolean | undefined;
    if (redis) {
      try {
        shared = (await redis.run((c) => c.exists(`orrery:revoked:${jti}`))) === 1;
      } catch {
        shared = undefined;
      }
    }
    if (shared === true) return true;
    const until = this.valid.get(jti);
    if (shared === false && until !== undefined && until > Date.now()) return false;
    const revoked = await readStore();
    if (shared === false && !revoked) {
      if (this.valid.size >= MAX_LOCAL) this.valid.clear();
      this.valid.set(jti, Date.now() + LOCAL_TTL_MS);
    } else this.valid.delete(jti);
    return revoked;
  }
}
