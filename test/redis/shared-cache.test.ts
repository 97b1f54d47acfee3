import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RecordedRequest, type Reply, startRecordingUpstream, type RecordingUpstream } from "../recording-upstream";
import { startRedisServer, type RedisServer } from "./redis-server";
import { loadReplica, type Replica, writeReplicaConfig } from "./replicas";

// Two in-process replicas (separate module graphs: own memory cache, coalescer, Redis connection) on
// one real redis-server, in front of a recording upstream that counts every request reaching it.

const T = 1_700_000_000 - (1_700_000_000 % 3600);

/** Prometheus-like matrix for the asked grid; each value names the grid point, so a wrong merge shows. */
const rangeReply =
  (delayMs = 0): Reply =>
  (req: RecordedRequest, res) => {
    if (!req.url.includes("/query_range")) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"status":"success","data":{"version":"2.55.0"}}');
    }
    const p = new URL(req.url, "http://x").searchParams;
    const start = Number(p.get("start"));
    const end = Number(p.get("end"));
    const step = Number(p.get("step"));
    const values: [number, string][] = [];
    for (let t = start; t <= end; t += step) values.push([t, `${p.get("query")}:${t}`]);
    const body = JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: { __name__: "m" }, values }] } });
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    }, delayMs);
  };

let redis: RedisServer;
let up: RecordingUpstream;
let admin: Redis;
let a: Replica;
let b: Replica;

const q = (expr: string, start = T, end = T + 3600) => `query=${encodeURIComponent(expr)}&start=${start}&end=${end}&step=60`;

beforeAll(async () => {
  redis = await startRedisServer();
  up = await startRecordingUpstream(rangeReply());
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  admin.on("error", () => undefined); // refused while the test stops redis-server on purpose
}, 30_000);

afterAll(async () => {
  admin?.disconnect();
  await up?.close();
  await redis?.close();
  delete process.env.ORRERY_REDIS_URL;
});

beforeEach(async () => {
  await admin.flushall();
  up.requests.length = 0;
  up.setReply(rangeReply());
  writeReplicaConfig({ datasources: [{ id: "prom", type: "prometheus", url: up.url }], query: { coalesceWindow: "0s" } }, redis.url);
  a = await loadReplica();
  b = await loadReplica();
  await Promise.all([a.waitForRedis(), b.waitForRedis()]);
});

afterEach(async () => {
  await a?.close();
  await b?.close();
});

describe("results cache in Redis, shared by replicas", () => {
  it("a range fetched through replica A is a cache hit on replica B (no upstream request), with the same body", async () => {
    const first = await a.queryRange("prom", q("up"));
    expect(first).toMatchObject({ status: 200, cache: "miss" });
    expect(up.requests).toHaveLength(1);
    const second = await b.queryRange("prom", q("up"));
    expect(second).toMatchObject({ status: 200, cache: "hit" });
    expect(up.requests).toHaveLength(1);
    expect(JSON.parse(second.text)).toEqual(JSON.parse(first.text));
    // B's own memory holds nothing: the entry came from Redis.
    expect(b.layer.queryLayerStats()).toMatchObject({ backend: "redis", entries: 0 });
    expect(await admin.keys("orrery:rc:*")).toHaveLength(1);
  });

  it("a shifted range on B fetches only the missing sub-range from the upstream, merged with A's extent", async () => {
    await a.queryRange("prom", q("rate(x[5m])", T, T + 3600));
    const shifted = await b.queryRange("prom", q("rate(x[5m])", T + 1800, T + 5400));
    expect(shifted.cache).toBe("partial");
    expect(up.requests).toHaveLength(2);
    const second = new URL(up.requests[1]!.url, "http://x").searchParams;
    expect(Number(second.get("start"))).toBeGreaterThan(T + 3600);
    const values = JSON.parse(shifted.text).data.result[0].values as [number, string][];
    expect(values.map(([t]) => t)).toEqual(Array.from({ length: 61 }, (_, i) => T + 1800 + i * 60));
    for (const [t, v] of values) expect(v).toBe(`rate(x[5m]):${t}`);
  });

  it("stores no headers: the Redis entry holds the cache key and series only", async () => {
    await a.queryRange("prom", q("up"));
    const [k] = await admin.keys("orrery:rc:*");
    const entry = JSON.parse((await admin.get(k!))!);
    expect(Object.keys(entry).sort()).toEqual(["e", "k"]);
    expect(JSON.stringify(entry)).not.toMatch(/content-type|cache-control|authorization|cookie/i);
    expect(await admin.pttl(k!)).toBeGreaterThan(0);
  });
});

describe("coalescing across replicas", () => {
  it("20 concurrent identical queries spread over two replicas reach the upstream at most twice (here: once)", async () => {
    up.setReply(rangeReply(300));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).queryRange("prom", q("sum(rate(http_requests_total[5m]))"))));
    expect(up.requests.length).toBeLessThanOrEqual(2);
    // The lock makes it one: the other replica waits for the holder's answer instead of querying.
    expect(up.requests.length).toBe(1);
    for (const x of answers) expect(x).toMatchObject({ status: 200, text: answers[0]!.text });
    expect(await admin.keys("orrery:lock:*")).toEqual([]);
  });

  it("a waiter queries itself when the lock holder's upstream answer is not shareable (an error)", async () => {
    let n = 0;
    up.setReply((_req, res) => {
      n++;
      setTimeout(() => {
        res.writeHead(422, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "error", errorType: "execution", error: `boom ${n}` }));
      }, 200);
    });
    const answers = await Promise.all([a.queryRange("prom", q("bad")), b.queryRange("prom", q("bad"))]);
    for (const x of answers) expect(x.status).toBe(422);
    // No deadlock and no shared error: each replica got an upstream answer of its own.
    expect(up.requests).toHaveLength(2);
  });
});

describe("Redis stopped mid-run", () => {
  it("both replicas keep answering from the upstream (misses), report degraded, and share again once Redis returns", async () => {
    await a.queryRange("prom", q("before"));
    await redis.stop();
    try {
      const during = await Promise.all([a.queryRange("prom", q("during")), b.queryRange("prom", q("during2"))]);
      for (const x of during) expect(x).toMatchObject({ status: 200, cache: "miss" });
      // The entry A cached in Redis is out of reach: B answers from the upstream.
      expect(await b.queryRange("prom", q("before"))).toMatchObject({ status: 200, cache: "miss" });
      await a.waitForRedis("degraded");
      await b.waitForRedis("degraded");
      expect(await a.health.health()).toMatchObject({ status: "ok", redis: "degraded", store: "ok" });
      expect(await b.health.readiness()).toMatchObject({ status: "degraded", redis: "degraded", datasources: { prom: "ok" } });
      // Meanwhile each replica falls back to its own memory: a repeat on B is a hit from B's LRU.
      expect(await b.queryRange("prom", q("during2"))).toMatchObject({ status: 200, cache: "hit" });
      expect(b.layer.queryLayerStats().entries).toBeGreaterThan(0);
    } finally {
      await redis.start();
    }
    await Promise.all([a.waitForRedis("ok"), b.waitForRedis("ok")]);
    expect(await a.health.health()).toMatchObject({ redis: "ok" });
    const n = up.requests.length;
    expect(await a.queryRange("prom", q("after"))).toMatchObject({ status: 200, cache: "miss" });
    expect(await b.queryRange("prom", q("after"))).toMatchObject({ status: 200, cache: "hit" });
    expect(up.requests.length).toBe(n + 1);
  }, 60_000);
});
