import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetAuthContext } from "@/lib/auth/context";
import { resetConfig } from "@/lib/config";
import { resetRepository } from "@/lib/dashboards/repository";
import { resetQueryLayer } from "@/lib/promql/query-layer";
import { GET as health } from "@/app/api/health/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { GET as ready } from "@/app/api/ready/route";
import { GET as proxy } from "@/app/api/ds/[ds]/api/v1/[...path]/route";
import { SECRET } from "../auth/setup";
import { testBearer } from "../auth/test-principal";
import { startRecordingUpstream, type RecordingUpstream } from "../recording-upstream";

// /api/health, /api/ready and /api/metrics through their real route handlers, with a recording
// upstream for a reachable datasource and a closed port for an unreachable one.

const APP = "http://orrery.test";
const SCRAPE_TOKEN = "scrape-token-0123456789abcdef";
let up: RecordingUpstream;
let root: string;

function useConfig(datasources: unknown[], dataDir = path.join(root, "data")) {
  const file = path.join(root, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ datasources, auth: { secret: SECRET, url: APP }, metrics: { token: SCRAPE_TOKEN } }));
  vi.stubEnv("ORRERY_CONFIG", file);
  vi.stubEnv("ORRERY_DATA_DIR", dataDir);
  vi.stubEnv("ORRERY_PROVISIONED_DIR", path.join(root, "provisioned"));
  vi.stubEnv("ORRERY_REDIS_URL", "");
  resetConfig();
  resetAuthContext();
  resetRepository();
  resetQueryLayer();
}

const live = () => ({ id: "live", type: "prometheus", url: up.url });
const closed = { id: "closed", type: "prometheus", url: "http://127.0.0.1:9", timeout: "1s" };

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "orrery-ops-"));
  up = await startRecordingUpstream();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await up.close();
});
beforeEach(() => useConfig([live()]));

describe("/api/health (liveness, unauthenticated)", () => {
  it("answers 200 without credentials with states only, and echoes a well-formed x-request-id", async () => {
    const res = await health(new Request(`${APP}/api/health`, { headers: { "x-request-id": "lb-1234" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("lb-1234");
    const body = await res.json();
    expect(body).toEqual({ status: "ok", redis: "off", store: "ok" });
  });

  it("reports an unusable store without failing liveness", async () => {
    const notADir = path.join(root, "file");
    writeFileSync(notADir, "x");
    useConfig([live()], path.join(notADir, "data"));
    const res = await health(new Request(`${APP}/api/health`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ store: "unavailable" });
  });
});

describe("/api/ready (readiness, unauthenticated)", () => {
  it("ready when the store and every datasource answer", async () => {
    const res = await ready(new Request(`${APP}/api/ready`));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", store: "ok", redis: "off", datasources: { live: "ok" } });
    expect(up.requests.at(-1)!.url).toBe("/api/v1/status/buildinfo");
  });

  it("degraded (200) when one of several datasources is unreachable; the body names ids, never URLs", async () => {
    useConfig([live(), closed]);
    const res = await ready(new Request(`${APP}/api/ready`));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: "degraded", store: "ok", redis: "off", datasources: { live: "ok", closed: "unreachable" } });
    expect(text).not.toMatch(/127\.0\.0\.1|http:|ECONNREFUSED/);
  });

  it("503 when no datasource answers", async () => {
    useConfig([closed]);
    const res = await ready(new Request(`${APP}/api/ready`));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "not_ready", datasources: { closed: "unreachable" } });
  });

  it("503 when the store is unusable", async () => {
    const notADir = path.join(root, "file2");
    writeFileSync(notADir, "x");
    useConfig([live()], path.join(notADir, "data"));
    const res = await ready(new Request(`${APP}/api/ready`));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "not_ready", store: "unavailable" });
  });
});

describe("/api/metrics", () => {
  const get = (headers: Record<string, string> = {}) => metricsRoute(new Request(`${APP}/api/metrics`, { headers }), { params: Promise.resolve({}) } as never);

  it("refuses anonymous visitors, a wrong scrape token and a viewer's token", async () => {
    expect((await get()).status).toBe(401);
    expect((await get({ authorization: "Bearer not-the-scrape-token-at-all" })).status).toBe(401);
    expect((await get({ authorization: await testBearer("viewer") })).status).toBe(403);
  });

  it("serves Prometheus text to an admin and to the scrape token, with request, upstream and cache metrics", async () => {
    const T = 1_700_000_000 - (1_700_000_000 % 3600);
    up.setReply((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: [[T, "1"]] }] } }));
    });
    const bearer = await testBearer("viewer");
    const q = `query=up&start=${T}&end=${T + 60}&step=60`;
    for (let i = 0; i < 2; i++) {
      const res = await proxy(new Request(`${APP}/api/ds/live/api/v1/query_range?${q}`, { headers: { authorization: bearer } }), { params: Promise.resolve({ ds: "live", path: ["query_range"] }) } as never);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const admin = await get({ authorization: await testBearer("admin") });
    expect(admin.status).toBe(200);
    expect(admin.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await (await get({ authorization: `Bearer ${SCRAPE_TOKEN}` })).text();
    expect(text).toMatch(/orrery_upstream_request_duration_seconds_count\{datasource="live",endpoint="query_range",status="200"\} [1-9]/);
    expect(text).toMatch(/orrery_http_request_duration_seconds_count\{route="\/api\/ds\/\[ds\]\/api\/v1\/\[\.\.\.path\]",method="GET",status="200"\} [2-9]/);
    expect(text).toMatch(/orrery_query_cache_requests_total\{result="hit"\} [1-9]/);
    expect(text).toMatch(/orrery_query_cache_hit_ratio [0-9.]+/);
    expect(text).toMatch(/orrery_redis_state\{state="off"\} 1/);
    expect(text).toMatch(/orrery_process_cpu_seconds_total/);
    expect(text).not.toContain(up.url);
  });
});
