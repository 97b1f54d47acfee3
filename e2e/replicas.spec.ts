import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type RecordedRequest, type Reply, startRecordingUpstream, type RecordingUpstream } from "../test/recording-upstream";
import { startPostgres, type PostgresServer } from "../test/pg/postgres";
import { redisTestPort, startRedisServer, type RedisServer } from "../test/redis/redis-server";
import { signInCookie } from "./auth";

// Two production servers (`next start`, replicas A and B) on one real PostgreSQL (dashboards and auth
// state) and one real redis-server, in front of a recording upstream: what a load balancer spreading
// users over two replicas must never show. Each replica has its own, empty data folder, so nothing can
// pass between them on disk. (Two processes on one shared *file* store: test/dashboards/multi-process.test.ts.)

const BASE_PORT = Number(process.env.E2E_PORT ?? 13000) + 11;
const PASSWORD = "replicas-admin-password-1";
const SECRET = "replicas-test-secret-0123456789abcdefghij";
const T = 1_700_000_000 - (1_700_000_000 % 3600);

const rangeReply =
  (delayMs: number): Reply =>
  (req: RecordedRequest, res) => {
    if (!req.url.includes("/query_range")) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"status":"success","data":{"version":"2.55.0"}}');
    }
    const p = new URL(req.url, "http://x").searchParams;
    const values: [number, string][] = [];
    for (let t = Number(p.get("start")); t <= Number(p.get("end")); t += Number(p.get("step"))) values.push([t, `${p.get("query")}:${t}`]);
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: { __name__: "m" }, values }] } }));
    }, delayMs);
  };

interface Replica {
  url: string;
  child: ChildProcess;
  output: () => string;
}

let redis: RedisServer;
let pg: PostgresServer;
let up: RecordingUpstream;
let a: Replica;
let b: Replica;
let cookie: string;

async function startReplica(port: number, env: Record<string, string>): Promise<Replica> {
  const child = spawn("./node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], { env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" }, detached: true });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c));
  child.stderr!.on("data", (c: Buffer) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`replica on ${port} exited: ${output.slice(-2000)}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`replica on ${port} did not start: ${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, output: () => output };
}

function stopReplica(r: Replica | undefined): void {
  if (r?.child.pid && r.child.exitCode === null) process.kill(-r.child.pid, "SIGKILL");
}

const api = (r: Replica, p: string, init: RequestInit = {}) =>
  fetch(`${r.url}${p}`, { ...init, headers: { cookie, origin: r.url, "content-type": "application/json", ...(init.headers as Record<string, string>) } });
const queryRange = (r: Replica, expr: string) => api(r, `/api/ds/rec/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${T}&end=${T + 3600}&step=60`);
const rangeRequests = () => up.requests.filter((x) => x.url.includes("/query_range")).length;

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  redis = await startRedisServer(redisTestPort(3));
  pg = await startPostgres({ portBase: Number(process.env.ORRERY_TEST_PORT_BASE ?? 29090) + 20 });
  const databaseUrl = await pg.createDatabase("replicas");
  up = await startRecordingUpstream(rangeReply(300));
  const root = mkdtempSync(path.join(tmpdir(), "orrery-replicas-"));
  const config = path.join(root, "orrery.config.json");
  const urls = [BASE_PORT, BASE_PORT + 1].map((p) => `http://127.0.0.1:${p}`);
  writeFileSync(config, JSON.stringify({ datasources: [{ id: "rec", type: "prometheus", url: up.url }], auth: { secret: SECRET, url: urls[0], trustedOrigins: [urls[1]] }, query: { coalesceWindow: "0s" } }));
  const env = { ORRERY_CONFIG: config, ORRERY_PROVISIONED_DIR: path.join(root, "provisioned"), ORRERY_REDIS_URL: redis.url, ORRERY_DATABASE_URL: databaseUrl, ORRERY_ADMIN_PASSWORD: PASSWORD };
  // Started one after the other: the second finds the migrations applied and the admin user created.
  a = await startReplica(BASE_PORT, { ...env, ORRERY_DATA_DIR: path.join(root, "data-a") });
  b = await startReplica(BASE_PORT + 1, { ...env, ORRERY_DATA_DIR: path.join(root, "data-b") });
  // One sign-in on A: the session (a JWT with the shared secret) is valid on B too.
  cookie = await signInCookie(a.url, "admin", PASSWORD);
  await until("redis on both replicas", () => Promise.all([a, b].map(async (r) => (await (await fetch(`${r.url}/api/health`)).json()).redis)), (s) => s.every((x) => x === "ok"));
});

test.afterAll(async () => {
  stopReplica(a);
  stopReplica(b);
  await up?.close();
  await redis?.close();
  await pg?.destroy();
});

test("a save on replica A is read on replica B at once", async () => {
  const created = await api(a, "/api/dashboards", { method: "POST", body: JSON.stringify({ dashboard: { schemaVersion: 1, uid: "replicated", title: "from A", panels: [] } }) });
  expect(created.status).toBe(201);
  const onB = await api(b, "/api/dashboards/replicated");
  expect(onB.status).toBe(200);
  expect(await onB.json()).toMatchObject({ dashboard: { title: "from A" }, meta: { version: 1 } });
  const saved = await api(a, "/api/dashboards/replicated", { method: "PUT", body: JSON.stringify({ dashboard: { schemaVersion: 1, uid: "replicated", title: "A again", panels: [] }, version: 1 }) });
  expect(saved.status).toBe(200);
  expect(await (await api(b, "/api/dashboards/replicated")).json()).toMatchObject({ dashboard: { title: "A again" }, meta: { version: 2 } });
});

test("concurrent saves of the same version through A and B: exactly one 200 and one 409, every round", async () => {
  const rounds: number[][] = [];
  for (let version = 2; version < 12; version++) {
    const save = (r: Replica) =>
      api(r, "/api/dashboards/replicated", { method: "PUT", body: JSON.stringify({ dashboard: { schemaVersion: 1, uid: "replicated", title: `v${version + 1} via ${r.url}`, panels: [] }, version }) }).then((res) => res.status);
    rounds.push((await Promise.all([save(a), save(b)])).sort());
  }
  expect(rounds).toEqual(Array.from({ length: 10 }, () => [200, 409]));
  expect(await (await api(b, "/api/dashboards/replicated")).json()).toMatchObject({ meta: { version: 12 } });
});

test("20 concurrent identical queries spread over both replicas reach the upstream at most twice", async () => {
  const before = rangeRequests();
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => queryRange(i % 2 ? a : b, "sum(rate(spread_total[5m]))")));
  const texts = await Promise.all(answers.map((r) => r.text()));
  for (const r of answers) expect(r.status).toBe(200);
  for (const t of texts) expect(t).toBe(texts[0]);
  expect(rangeRequests() - before).toBeGreaterThanOrEqual(1);
  expect(rangeRequests() - before).toBeLessThanOrEqual(2);
});

test("Redis stopped mid-run: both replicas keep answering, /api/ready says degraded, and they recover", async () => {
  await redis.stop();
  try {
    for (const [i, r] of [a, b].entries()) {
      const res = await queryRange(r, `during_outage_${i}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-orrery-cache")).toBe("miss");
    }
    for (const r of [a, b]) {
      const ready = await until("ready degraded", async () => (await fetch(`${r.url}/api/ready`)).json(), (x) => x.redis === "degraded");
      expect(ready).toMatchObject({ status: "degraded", store: "ok", datasources: { rec: "ok" } });
      expect((await (await fetch(`${r.url}/api/health`)).json()).redis).toBe("degraded");
    }
  } finally {
    await redis.start();
  }
  for (const r of [a, b]) await until("ready again", async () => (await fetch(`${r.url}/api/ready`)).json(), (x) => x.status === "ready");
  const before = rangeRequests();
  expect((await queryRange(a, "after_recovery")).headers.get("x-orrery-cache")).toBe("miss");
  expect((await queryRange(b, "after_recovery")).headers.get("x-orrery-cache")).toBe("hit");
  expect(rangeRequests() - before).toBe(1);
  // The logs are JSON lines with request ids; the Redis outage and recovery were logged.
  const logs = a.output();
  expect(logs).toMatch(/"msg":"redis unavailable/);
  expect(logs).toMatch(/"msg":"redis recovered/);
  expect(logs).toMatch(/"reqId":"[0-9a-f-]{36}","method":"GET","route":"\/api\/ds\/\[ds\]\/api\/v1\/\[\.\.\.path\]"/);
});
