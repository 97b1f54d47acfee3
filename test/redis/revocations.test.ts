import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EmbedTokenStore, type EmbedTokenRecord } from "@/lib/auth/embed-tokens";
import { redisState, resetRedis } from "@/lib/redis/client";
import { redisTestPort, startRedisServer, type RedisServer } from "./redis-server";

// Embed-token revocations through Redis: two stores on one auth folder stand for two replicas
// (each with its own local cache); the token file stays the source of truth.

let redis: RedisServer;

const record = (jti: string): EmbedTokenRecord => ({ jti, uid: "d", panels: [1], ver: 1, createdBy: "ed", createdAtMs: Date.now(), expiresAtMs: Date.now() + 3_600_000 });

async function waitForRedis(want: "ok" | "degraded") {
  const deadline = Date.now() + 15_000;
  while (redisState() !== want) {
    if (Date.now() > deadline) throw new Error(`redis stayed ${redisState()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function replicas() {
  const dir = mkdtempSync(path.join(tmpdir(), "orrery-revoke-"));
  return { dir, a: new EmbedTokenStore(dir), b: new EmbedTokenStore(dir) };
}

beforeAll(async () => {
  redis = await startRedisServer(redisTestPort(2));
}, 30_000);
afterEach(() => resetRedis());
afterAll(async () => {
  delete process.env.ORRERY_REDIS_URL;
  await redis?.close();
});

describe("embed-token revocations with Redis", () => {
  it("a revocation on replica A is refused on replica B at once, although B had just seen the token valid", async () => {
    process.env.ORRERY_REDIS_URL = redis.url;
    await resetRedis();
    const { a, b } = replicas();
    await a.add(record("t1"));
    await waitForRedis("ok");
    expect(await b.isRevoked("t1")).toBe(false);
    expect(await a.revoke("t1", "admin")).toBe(true);
    expect(await b.isRevoked("t1")).toBe(true);
  });

  it("B answers a recently checked valid token from its own memory + Redis, without reading the store", async () => {
    process.env.ORRERY_REDIS_URL = redis.url;
    await resetRedis();
    const { dir, a, b } = replicas();
    await a.add(record("t2"));
    await waitForRedis("ok");
    expect(await b.isRevoked("t2")).toBe(false);
    // A store read would now throw (not JSON): B's answer comes from the fast path.
    writeFileSync(path.join(dir, "embed-tokens.json"), "not json");
    expect(await b.isRevoked("t2")).toBe(false);
    // A token B has not seen must be read from the store, which fails loudly instead of guessing.
    await expect(b.isRevoked("unknown")).rejects.toThrow(/not valid JSON/);
  });

  it("a token minted on A a moment ago is valid on B (unknown ids are never cached)", async () => {
    process.env.ORRERY_REDIS_URL = redis.url;
    await resetRedis();
    const { a, b } = replicas();
    await waitForRedis("ok");
    expect(await b.isRevoked("t3")).toBe(true); // not recorded yet: counts as revoked
    await a.add(record("t3"));
    expect(await b.isRevoked("t3")).toBe(false);
  });

  it("with Redis down, revocations still hold: every check reads the store", async () => {
    process.env.ORRERY_REDIS_URL = redis.url;
    await resetRedis();
    const { a, b } = replicas();
    await a.add(record("t4"));
    await waitForRedis("ok");
    expect(await b.isRevoked("t4")).toBe(false);
    await redis.stop();
    try {
      expect(await a.revoke("t4", "admin")).toBe(true);
      expect(await b.isRevoked("t4")).toBe(true);
    } finally {
      await redis.start();
    }
  });

  it("without Redis, behaviour is the store's alone", async () => {
    delete process.env.ORRERY_REDIS_URL;
    await resetRedis();
    const { a, b } = replicas();
    await a.add(record("t5"));
    expect(await b.isRevoked("t5")).toBe(false);
    await a.revoke("t5", "admin");
    expect(await b.isRevoked("t5")).toBe(true);
  });
});
