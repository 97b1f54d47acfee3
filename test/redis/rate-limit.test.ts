import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRecordingUpstream, type RecordingUpstream } from "../recording-upstream";
import { SECRET } from "../auth/setup";
import { redisTestPort, startRedisServer, type RedisServer } from "./redis-server";
import { loadReplica, type Replica, writeReplicaConfig } from "./replicas";

// The per-principal rate limit through the real proxy route handler (authorize → limit → proxy),
// anonymous access on so the principal is the client address; counted in one real redis-server
// shared by two in-process replicas, and in memory without Redis.

let redis: RedisServer;
let up: RecordingUpstream;
const replicas: Replica[] = [];

beforeAll(async () => {
  redis = await startRedisServer(redisTestPort(1));
  up = await startRecordingUpstream();
}, 30_000);

afterEach(async () => {
  for (const r of replicas.splice(0)) await r.close();
});

afterAll(async () => {
  await up?.close();
  await redis?.close();
  delete process.env.ORRERY_REDIS_URL;
});

async function replicasWith(n: number, requests: number, redisUrl: string | undefined) {
  writeReplicaConfig(
    {
      datasources: [{ id: "prom", type: "prometheus", url: up.url }],
      auth: { secret: SECRET, url: "http://orrery.test", anonymous: { enabled: true, role: "viewer" } },
      query: { rateLimit: { requests, window: "1m" } },
    },
    redisUrl,
  );
  const out: Replica[] = [];
  for (let i = 0; i < n; i++) out.push(await loadReplica());
  replicas.push(...out);
  if (redisUrl) await Promise.all(out.map((r) => r.waitForRedis()));
  return out;
}

const from = (ip: string) => ({ "x-forwarded-for": ip });

describe("query.rateLimit", () => {
  it("with Redis: the budget is shared by both replicas; the next request is 429 with Retry-After and names the limit", async () => {
    const [a, b] = await replicasWith(2, 4, redis.url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await (i % 2 ? a! : b!).route("prom", "query", "query=up", from("10.1.0.1"))).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const sent = up.requests.length;
    const refused = await a!.route("prom", "query", "query=up", from("10.1.0.1"));
    expect(refused.status).toBe(429);
    const retry = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retry) && retry >= 1 && retry <= 60).toBe(true);
    const body = await refused.json();
    expect(body).toMatchObject({ status: "error", errorType: "too_many_requests" });
    expect(body.error).toContain("4 requests per 1m");
    expect(body.error).toContain("query.rateLimit");
    // Refused before any upstream request; B refuses the same client too.
    expect(up.requests.length).toBe(sent);
    expect((await b!.route("prom", "query", "query=up", from("10.1.0.1"))).status).toBe(429);
    // Another principal still has its budget.
    expect((await b!.route("prom", "query", "query=up", from("10.1.0.2"))).status).toBe(200);
  });

  it("without Redis: each replica counts in its own memory", async () => {
    const [a, b] = await replicasWith(2, 2, undefined);
    for (let i = 0; i < 2; i++) expect((await a!.route("prom", "query", "query=up", from("10.2.0.1"))).status).toBe(200);
    expect((await a!.route("prom", "query", "query=up", from("10.2.0.1"))).status).toBe(429);
    expect((await b!.route("prom", "query", "query=up", from("10.2.0.1"))).status).toBe(200);
  });

  it("with Redis down: limits fall back to memory and requests keep being answered", async () => {
    const [a] = await replicasWith(1, 2, redis.url);
    await redis.stop();
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await a!.route("prom", "query", "query=up", from("10.3.0.1"))).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await redis.start();
    }
  });
});
