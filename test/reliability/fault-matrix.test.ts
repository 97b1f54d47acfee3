import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "@/scripts/stack";
import { startScratchPrometheus, type ScratchPrometheus } from "@/test/stack";
import { faultCatalogue, type Fault, type FaultProxy, PARTIAL_RESPONSE_WARNING, PROMETHEUS_ERROR_STATUS, startFaultProxy } from "./fault-proxy";
import { APP_ORIGIN, discoverRoutes, HARD, readAnswer, recordFigure, type RouteModule, useApp, within } from "./harness";
import type { AppEnv } from "./harness";

// Every fault of the fault proxy, through the real route handler (auth included), the proxy and the
// query layer, against a real Prometheus: the status and envelope naming the upstream's problem, a
// healthy datasource unaffected meanwhile, and recovery once the fault clears.

let prom: ScratchPrometheus;
let fp: FaultProxy;
let proxyRoute: RouteModule;
let bearer: string;
let app: AppEnv;
const TIMEOUT_S = 2;

beforeAll(async () => {
  prom = await startScratchPrometheus();
  fp = await startFaultProxy({ target: prom.url });
  app = await useApp([
    { id: "faulty", type: "prometheus", url: fp.url, timeout: `${TIMEOUT_S}s` },
    { id: "healthy", type: "prometheus", url: prom.url, default: true },
    // Identical requests within the window share one answer; 0 so each request of this test reaches the upstream.
  ], { query: { coalesceWindow: "0s" } });
  bearer = app.bearer;
  proxyRoute = await discoverRoutes().find((r) => r.pattern === "/api/ds/[ds]/api/v1/[...path]")!.load();
  // Two self-scrapes have happened: `up` has samples in an aligned range ending now.
  await pollUntil("samples in range", async () => ((await query("healthy", "query_range", rangeParams())).json as { data?: { result?: unknown[] } })?.data?.result?.length ? true : undefined, { timeoutMs: 30_000 });
}, 120_000);

afterAll(async () => {
  await app?.cleanup();
  await fp?.close();
  await prom?.dispose();
});

async function query(ds: string, endpoint: string, params: string) {
  const req = new Request(`${APP_ORIGIN}/api/ds/${ds}/api/v1/${endpoint}?${params}`, {
    headers: { authorization: bearer, cookie: "next-auth.session-token=client-secret", "x-forwarded-for": "6.6.6.6" },
  });
  const res = await proxyRoute.GET!(req, { params: Promise.resolve({ ds, path: endpoint.split("/") }) });
  return { ...(await readAnswer(res)), headers: res.headers };
}

const rangeParams = () => {
  const end = Math.floor(Date.now() / 1000);
  return `query=up&start=${end - 120}&end=${end}&step=5`;
};

interface Expectation {
  status: number;
  errorType?: string;
  /** A phrase the error message must contain (it names the upstream problem). */
  says?: RegExp;
  success?: boolean;
}

function expected(f: Fault): Expectation {
  switch (f.kind) {
    case "refuse":
      return { status: 502, errorType: "unavailable", says: /datasource "faulty" is unreachable: connection refused/ };
    case "reset":
      return { status: 502, errorType: "bad_response", says: /datasource "faulty" (closed the connection mid-response|failed mid-response)/ };
    case "hang":
      return { status: 504, errorType: "timeout", says: new RegExp(`datasource "faulty" did not answer within ${TIMEOUT_S}s`) };
    case "slow":
    case "huge":
    case "partial-response":
    case "none":
      return { status: 200, success: true };
    case "status":
      if (f.status === 500) return { status: 502, errorType: "bad_response", says: /datasource "faulty" returned a non-JSON body .*HTTP 500/ };
      return { status: 503, errorType: "unavailable", says: new RegExp(`datasource "faulty" .*HTTP ${f.status}.*retry after 7s`) };
    case "truncated":
      return { status: 502, errorType: "bad_response", says: /datasource "faulty" returned truncated or malformed JSON/ };
    case "non-json":
      return { status: 502, errorType: "bad_response", says: /datasource "faulty" returned a non-JSON body \(text\/html/ };
    case "prom-error":
      return { status: PROMETHEUS_ERROR_STATUS[f.errorType], errorType: f.errorType, says: /injected/ };
  }
}

describe("fault matrix through the route handler", () => {
  const faults = faultCatalogue(HARD ? 300 * 1024 * 1024 : 4 * 1024 * 1024);
  const results: { name: string; endpoint: string; ok: boolean }[] = [];
  afterAll(() => {
    recordFigure({ suite: "fault-matrix (API)", faults: faults.length * 2, ok: results.filter((r) => r.ok).length });
  });

  for (const { name, fault } of faults) {
    for (const endpoint of ["query", "query_range"] as const) {
      it(`${name} on ${endpoint}: the answer names the problem, the healthy datasource answers, recovery`, { timeout: 60_000 }, async () => {
        const params = endpoint === "query" ? "query=up" : rangeParams();
        const before = fp.log.length;
        await fp.setFault(fault);
        let want = expected(fault);
        // Past the 256 MiB buffer limit the huge answer is refused (502), unless the datasource
        // timeout ends it first (504): either way the panel is told why, and nothing is relayed.
        const tooBig = fault.kind === "huge" && fault.bytes > 256 * 1024 * 1024;
        if (tooBig) want = { status: 502, errorType: "bad_response", says: /returned more than \d+ bytes|did not answer within/ };
        const got = await within(30_000, `${name} ${endpoint}`, query("faulty", endpoint, params));
        const body = got.json as { status?: string; errorType?: string; error?: string; warnings?: string[]; data?: { result?: unknown[] } };
        if (tooBig && got.status === 504) want = { ...want, status: 504, errorType: "timeout" };
        expect(got.status, got.text.slice(0, 300)).toBe(want.status);
        expect(got.headers.get("content-type")).toMatch(/^application\/json/);
        expect(got.headers.get("set-cookie")).toBeNull();
        if (want.success) {
          expect(body.status).toBe("success");
          expect(body.data?.result?.length).toBeGreaterThan(0);
        } else {
          expect(body).toMatchObject({ status: "error", errorType: want.errorType });
          expect(body.error).toMatch(want.says!);
        }
        if (fault.kind === "partial-response") expect(body.warnings).toContain(PARTIAL_RESPONSE_WARNING);
        if (fault.kind === "status" && fault.status !== 500) expect(got.headers.get("retry-after")).toBe("7");
        // The fault was the upstream's, seen at the fault proxy (except "refuse": nothing listens).
        if (fault.kind !== "refuse") expect(fp.log.length).toBeGreaterThan(before);
        // No client credential or forwarding header reached the upstream.
        for (const e of fp.log.slice(before)) {
          expect(e.headers.cookie).toBeUndefined();
          expect(e.headers.authorization).toBeUndefined();
          expect(e.headers["x-forwarded-for"]).toBeUndefined();
          expect(e.path.startsWith("/api/v1/query")).toBe(true);
        }

        // Meanwhile the other datasource is unaffected.
        const healthy = await query("healthy", endpoint, params);
        expect(healthy.status).toBe(200);

        // Recovery: the next request after the fault clears succeeds.
        await fp.setFault({ kind: "none" });
        const after = await query("faulty", endpoint, endpoint === "query" ? "query=up" : rangeParams());
        expect(after.status, after.text.slice(0, 200)).toBe(200);
        expect((after.json as { status: string }).status).toBe("success");
        results.push({ name, endpoint, ok: true });
      });
    }
  }
});
