import { expect, test } from "@playwright/test";
import { expectedTestStackUrls } from "../scripts/stack";
import { SAME_ORIGIN_HEADERS } from "./auth";

// Signed in as admin (storageState); API mutations carry the Origin a browser would send (CSRF check).
test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

// The proxy through the real HTTP server (Next's URL handling included) in front of real Prometheus.
const global = expectedTestStackUrls().global;

async function instant(expr: string): Promise<number> {
  const res = await fetch(`${global}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
  return Number(body.data.result[0]?.value[1] ?? 0);
}

// The global server's own series have no cluster label; federated leaf series do.
const OWN = 'job="prometheus", cluster=""';

/** Requests the global Prometheus has served on a handler, from its own counter (0 if never hit). */
const handlerHits = (handler: string) => instant(`sum(prometheus_http_requests_total{${OWN}, handler="${handler}"}) or vector(0)`);

/** Waits for the global server's next scrape of itself, so its counters include every request so far. */
async function nextSelfScrape(): Promise<void> {
  const after = Date.now() / 1000;
  await expect.poll(() => instant(`max(timestamp(up{${OWN}}))`), { timeout: 20_000 }).toBeGreaterThan(after);
}

test.describe("PromQL proxy over HTTP", () => {
  test("answers a query through the real server with both clusters", async ({ request }) => {
    const res = await request.get("/api/ds/global/api/v1/query", { params: { query: "sum by (cluster) (up)" } });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/json; charset=utf-8");
    const body = await res.json();
    const clusters = body.data.result.map((r: { metric: { cluster?: string } }) => r.metric.cluster);
    expect(clusters).toEqual(expect.arrayContaining(["east", "west"]));
  });

  test("traversal and non-allowlisted paths get 404 and never reach Prometheus", async ({ request }) => {
    await nextSelfScrape();
    const before = { federate: await handlerHits("/federate"), admin: await handlerHits("/api/v1/admin/tsdb/delete_series") };
    for (const path of [
      "admin/tsdb/delete_series?match[]=up",
      "../../federate?match[]=up",
      "%2e%2e/%2e%2e/federate?match[]=up",
      "..%2F..%2F..%2Ffederate?match[]=up",
      "..%252F..%252Ffederate?match[]=up",
      "query/..%2F..%2F..%2Ffederate?match[]=up",
      "label/..%2F..%2F..%2Ffederate/values",
    ]) {
      const res = await request.fetch(`/api/ds/global/api/v1/${path}`, { method: "GET", maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
    }
    const del = await request.post("/api/ds/global/api/v1/admin/tsdb/delete_series", { form: { "match[]": "up" } });
    expect(del.status()).toBe(404);
    await nextSelfScrape();
    expect(await handlerHits("/federate")).toBe(before.federate);
    expect(await handlerHits("/api/v1/admin/tsdb/delete_series")).toBe(before.admin);
  });

  test("a Host header does not choose the upstream", async ({ request }) => {
    const res = await request.get("/api/ds/global/api/v1/status/buildinfo", { headers: { "x-forwarded-host": "127.0.0.1:1", "x-forwarded-proto": "https" } });
    expect(res.status()).toBe(200);
    expect((await res.json()).data.version).toMatch(/^2\./);
  });

  test("a datasource that is down answers 502 in the envelope, naming it", async ({ request }) => {
    const res = await request.get("/api/ds/down/api/v1/query", { params: { query: "up" } });
    expect(res.status()).toBe(502);
    expect(await res.json()).toEqual({ status: "error", errorType: "unavailable", error: 'datasource "down" is unreachable: connection refused (ECONNREFUSED)' });
  });

  test("small answers come without gzip, large ones gzipped, through Next's own compression", async ({ request }) => {
    // query.compressMinBytes (4 KiB): smaller answers say no-transform, which Next's compression honours.
    const small = await request.get("/api/ds/global/api/v1/query", { params: { query: "vector(1)" }, headers: { "accept-encoding": "gzip" } });
    expect(small.status()).toBe(200);
    expect(small.headers()["content-encoding"]).toBeUndefined();
    expect(small.headers()["cache-control"]).toContain("no-transform");
    expect((await small.json()).data.result[0].value[1]).toBe("1");
    const large = await request.get("/api/ds/global/api/v1/label/__name__/values", { headers: { "accept-encoding": "gzip" } });
    expect(large.status()).toBe(200);
    expect((await large.body()).byteLength).toBeGreaterThan(4096);
    expect(large.headers()["content-encoding"]).toBe("gzip");
    expect(large.headers()["cache-control"] ?? "").not.toContain("no-transform");
    const unknown = await request.get("/api/ds/global/api/v1/federate", { headers: { "accept-encoding": "gzip" } });
    expect(unknown.status()).toBe(404);
    expect(unknown.headers()["content-encoding"]).toBeUndefined();
  });
});
