import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/policy";
import { startRecordingUpstream, type RecordingUpstream } from "../recording-upstream";
import { useQueryConfig } from "./helpers";

// Next gives every route handler and every page its own bundle, each with its own copy of a module's
// top-level state. The query layer (cache, coalescing), the query rate limit and the upstream
// connections must still be one per server process: here each "bundle" is a fresh module graph
// (vi.resetModules), as the dashboard page's render (early variables) and the proxy route are in `next start`.

type Handle = typeof import("@/lib/promql/proxy/handle");
type RateLimit = typeof import("@/lib/promql/query-layer/rate-limit");

async function bundle(): Promise<{ handle: Handle; rateLimit: RateLimit }> {
  vi.resetModules();
  return { handle: await import("@/lib/promql/proxy/handle"), rateLimit: await import("@/lib/promql/query-layer/rate-limit") };
}

const call = (h: Handle, path: string) => h.handleProxyRequest(new Request(`http://orrery.test/api/ds/prom/api/v1/${path}`), "prom", path.split("?")[0]!.split("/"));

let up: RecordingUpstream;
beforeAll(async () => {
  up = await startRecordingUpstream((_r, res) => setTimeout(() => res.end('{"status":"success","data":["a","b"]}'), 150));
});
afterAll(() => up.close());
beforeEach(() => {
  up.requests.length = 0;
});

describe("one query layer per process, whichever bundle asks", () => {
  it("identical requests from two bundles share one upstream request", async () => {
    useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }]);
    const page = await bundle();
    const route = await bundle();
    expect(route.handle).not.toBe(page.handle);
    const [a, b] = await Promise.all([call(page.handle, "label/job/values?start=1&end=2"), call(route.handle, "label/job/values?start=1&end=2")]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await b.json()).toEqual({ status: "success", data: ["a", "b"] });
    expect(up.requests).toHaveLength(1);
  });

  it("the per-user rate limit counts a user's requests from every bundle together", async () => {
    useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }], { rateLimit: { requests: 3, window: "1m" } });
    const user: Principal = { kind: "user", id: "u-shared", name: "Ann", role: "viewer", provider: "local" };
    const req = () => new Request("http://orrery.test/api/ds/prom/api/v1/query");
    const page = await bundle();
    const route = await bundle();
    expect(await page.rateLimit.rateLimitResponse(user, req())).toBeUndefined();
    expect(await route.rateLimit.rateLimitResponse(user, req())).toBeUndefined();
    expect(await page.rateLimit.rateLimitResponse(user, req())).toBeUndefined();
    const refused = await route.rateLimit.rateLimitResponse(user, req());
    expect(refused?.status).toBe(429);
  });
});
