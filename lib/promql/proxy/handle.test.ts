import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { resetQueryLayer } from "@/lib/promql/query-layer";
import { callProxy, useDatasources } from "@/test/proxy-helpers";
import { gzipReply, okReply, startRecordingUpstream, type RecordingUpstream } from "@/test/recording-upstream";

let up: RecordingUpstream;
let hang: RecordingUpstream;

beforeAll(async () => {
  up = await startRecordingUpstream();
  hang = await startRecordingUpstream(() => {}); // accepts, never answers
});
afterAll(async () => {
  await up.close();
  await hang.close();
});
beforeEach(() => {
  up.requests.length = 0;
  up.setReply(okReply);
  useDatasources([
    { id: "prom", type: "prometheus", url: up.url, auth: { bearerToken: "upstream-token" }, headers: { "X-Scope-OrgID": "team-a" } },
    { id: "thanos", type: "thanos", url: `${up.url}/prefix`, thanos: { dedup: true, partialResponse: false, replicaLabels: ["replica"], maxSourceResolution: "auto" } },
    { id: "hang", type: "prometheus", url: hang.url, timeout: "1s" },
    { id: "closed", type: "prometheus", url: "http://127.0.0.1:9" },
  ]);
});

describe("containment", () => {
  it.each([
    "admin/tsdb/delete_series",
    "admin/tsdb/snapshot",
    "..%2F..%2Ffederate",
    "%2E%2E/%2E%2E/federate",
    "federate",
    "write",
    "label/..%2F..%2Fadmin/values",
    "status/tsdb/blocks",
    "stores",
    "query%2F..%2F..%2Fadmin",
  ])("%s -> 404, and the upstream sees nothing", async (p) => {
    const r = await callProxy("prom", p, { query: "match[]=up" });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ status: "error", errorType: "not_found" });
    expect(up.requests).toHaveLength(0);
  });

  it("an unknown datasource is a 404 naming it", async () => {
    const r = await callProxy("nope", "query", { query: "query=up" });
    expect(r).toMatchObject({ status: 404, body: { errorType: "not_found", error: 'unknown datasource "nope"' } });
  });

  it("refuses methods an endpoint does not take", async () => {
    for (const [method, p] of [["DELETE", "query"], ["PUT", "query_range"], ["POST", "targets"], ["POST", "label/job/values"]]) {
      const r = await callProxy("prom", p!, { method, query: "query=up" });
      expect(r.status).toBe(405);
      expect(r.body?.errorType).toBe("method_not_allowed");
    }
    expect(up.requests).toHaveLength(0);
  });

  it("never forwards the client's cookies, authorization or forwarding headers; sends the datasource's own", async () => {
    await callProxy("prom", "query", {
      query: "query=up",
      headers: { cookie: "session=abc", authorization: "Bearer client", "x-forwarded-host": "evil", host: "evil.example" },
    });
    const h = up.requests[0]!.headers;
    expect(h.authorization).toBe("Bearer upstream-token");
    expect(h["x-scope-orgid"]).toBe("team-a");
    expect(h.cookie).toBeUndefined();
    expect(h["x-forwarded-host"]).toBeUndefined();
    expect(h.host).toBe(new URL(up.url).host);
  });

  it("drops upstream Set-Cookie", async () => {
    up.setReply((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "set-cookie": "a=b" });
      res.end('{"status":"success","data":[]}');
    });
    const r = await callProxy("prom", "labels");
    expect(r.status).toBe(200);
    expect(r.headers.get("set-cookie")).toBeNull();
  });
});

describe("parameters", () => {
  it("sends Thanos defaults under the datasource's path prefix, and request values override them", async () => {
    await callProxy("thanos", "query_range", { query: "query=up&start=0&end=60&step=15&dedup=false" });
    const sent = new URL(up.requests[0]!.url, up.url);
    expect(sent.pathname).toBe("/prefix/api/v1/query_range");
    expect(sent.searchParams.get("dedup")).toBe("false");
    expect(sent.searchParams.get("partial_response")).toBe("false");
    expect(sent.searchParams.getAll("replicaLabels[]")).toEqual(["replica"]);
    expect(sent.searchParams.get("max_source_resolution")).toBe("auto");
  });

  it("forwards a form-encoded POST as a form-encoded POST; body values win over the query string", async () => {
    await callProxy("prom", "query", { form: "query=sum(rate(x%5B5m%5D))&time=100", query: "time=1&stats=all" });
    const rec = up.requests[0]!;
    expect(rec.method).toBe("POST");
    expect(rec.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(rec.body);
    expect(form.get("query")).toBe("sum(rate(x[5m]))");
    expect(form.get("time")).toBe("100");
    expect(form.get("stats")).toBe("all");
  });

  it("refuses a POST that is not form-encoded, and an oversized body", async () => {
    const r = await callProxy("prom", "query", { form: '{"query":"up"}', headers: { "content-type": "application/json" } });
    expect(r).toMatchObject({ status: 400, body: { errorType: "bad_data" } });
    const big = await callProxy("prom", "query", { form: `query=${"a".repeat(1024 * 1024 + 1)}` });
    expect(big).toMatchObject({ status: 413, body: { errorType: "too_large" } });
    expect(up.requests).toHaveLength(0);
  });

  it("clamps a query_range step to 11,000 points and says so in a header", async () => {
    const r = await callProxy("prom", "query_range", { query: "query=up&start=0&end=604800&step=1" });
    const sent = new URL(up.requests[0]!.url, up.url).searchParams;
    // A step off whole seconds goes to the upstream in integer milliseconds (Prometheus truncates float seconds).
    const sentMs = /^(\d+)ms$/.exec(sent.get("step") ?? "");
    expect(sentMs).not.toBeNull();
    const used = Number(sentMs![1]) / 1000;
    expect(604_800 / used).toBeLessThanOrEqual(11_000);
    expect(r.headers.get("x-orrery-step-clamped")).toBe(`1->${used}`);
  });
});

describe("upstream faults", () => {
  it("unreachable -> 502 naming the datasource and the cause", async () => {
    const r = await callProxy("closed", "query", { query: "query=up" });
    expect(r.status).toBe(502);
    expect(r.body).toEqual({ status: "error", errorType: "unavailable", error: 'datasource "closed" is unreachable: connection refused (ECONNREFUSED)' });
  });

  it("no answer -> 504 after the datasource timeout", async () => {
    const r = await callProxy("hang", "query", { query: "query=up" });
    expect(r.status).toBe(504);
    expect(r.body).toEqual({ status: "error", errorType: "timeout", error: 'datasource "hang" did not answer within 1s (the datasource timeout)' });
  });

  it.each([
    ["an HTML page", 200, "text/html", "<html>oops</html>", /datasource "prom" returned a non-JSON body \(text\/html, 17 bytes: "<html>oops<\/html>"\) with HTTP 200/],
    ["truncated JSON", 200, "application/json", '{"status":"success","data":{"resul', /returned truncated or malformed JSON/],
    ["JSON that is no envelope", 200, "application/json", '{"hello":"world"}', /not a Prometheus API response/],
    ["a 500 text error", 500, "text/plain", "internal", /returned a non-JSON body .* with HTTP 500/],
  ])("%s -> 502 bad_response", async (_name, status, type, body, message) => {
    up.setReply((_q, res) => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    });
    const r = await callProxy("prom", "query", { query: "query=up" });
    expect(r.status).toBe(502);
    expect(r.body?.errorType).toBe("bad_response");
    expect(r.body?.error).toMatch(message);
  });

  it("a connection dropped mid-body -> 502 naming the truncation", async () => {
    up.setReply((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"status":"success","data":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const r = await callProxy("prom", "query", { query: "query=up" });
    expect(r.status).toBe(502);
    expect(r.body?.error).toMatch(/datasource "prom" (closed the connection mid-response|failed mid-response)/);
  });

  it("a connection reset (RST) mid-body -> 502 bad_response, not 'unreachable'", async () => {
    up.setReply((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"status":"success","data":');
      setTimeout(() => res.socket?.resetAndDestroy(), 20);
    });
    const r = await callProxy("prom", "query", { query: "query=up" });
    expect(r).toMatchObject({ status: 502, body: { errorType: "bad_response" } });
    expect(r.body?.error).toMatch(/datasource "prom" (closed the connection mid-response|failed mid-response)/);
  });

  it.each([
    [429, "7", 'datasource "prom" is rate limiting Orrery (HTTP 429); retry after 7s', "7"],
    [503, "30", 'datasource "prom" is unavailable (HTTP 503); retry after 30s', "30"],
    [503, "Wed, 21 Oct 2015 07:28:00 GMT", 'datasource "prom" is unavailable (HTTP 503)', null],
  ])("a non-Prometheus %i (Retry-After %s) -> 503 unavailable, Retry-After relayed only as seconds", async (status, retryAfter, message, relayed) => {
    up.setReply((_q, res) => {
      res.writeHead(status, { "content-type": "text/plain", "retry-after": retryAfter });
      res.end("slow down");
    });
    const r = await callProxy("prom", "query", { query: "query=up" });
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ status: "error", errorType: "unavailable", error: message });
    expect(r.headers.get("retry-after")).toBe(relayed);
  });

  it("a corrupt gzip body -> 502", async () => {
    up.setReply((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(Buffer.from("not gzip at all"));
    });
    const r = await callProxy("prom", "query", { query: "query=up" });
    expect(r).toMatchObject({ status: 502, body: { error: 'datasource "prom" sent a truncated or corrupt gzip body (HTTP 200)' } });
  });

  it("an upstream 401 becomes a 502, never the user's own 401", async () => {
    up.setReply((_q, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end('{"status":"error","errorType":"unauthorized","error":"no"}');
    });
    const r = await callProxy("prom", "query", { query: "query=up" });
    expect(r).toMatchObject({ status: 502, body: { error: 'datasource "prom" rejected Orrery\'s credentials (HTTP 401)' } });
  });

  it("an upstream 404 that is not JSON says the endpoint is not served (e.g. status/config on Thanos)", async () => {
    up.setReply((_q, res) => {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("404 page not found");
    });
    const r = await callProxy("thanos", "status/config");
    expect(r).toMatchObject({ status: 404, body: { errorType: "not_found", error: 'datasource "thanos" does not serve /api/v1/status/config (HTTP 404)' } });
  });

  it("retries once on a fresh connection when a pooled keep-alive socket turns out to be closed", async () => {
    const served = new WeakMap<object, number>();
    up.setReply((rec, res) => {
      const socket = res.socket!;
      const n = (served.get(socket) ?? 0) + 1;
      served.set(socket, n);
      if (n > 1) return void socket.destroy(); // the server dropped this idle connection
      okReply(rec, res);
    });
    expect((await callProxy("prom", "query", { query: "query=1" })).status).toBe(200);
    const second = await callProxy("prom", "query", { query: "query=2" });
    expect(second.status).toBe(200);
    expect(up.requests.map((r) => new URL(r.url, up.url).searchParams.get("query"))).toEqual(["1", "2", "2"]);
  });

  it("retries on a fresh connection, not another pooled one, when every pooled socket went stale", async () => {
    const sockets = new WeakMap<object, number>();
    let opened = 0;
    const own = await startRecordingUpstream((rec, res) => {
      const socket = res.socket!;
      const n = (sockets.get(socket) ?? 0) + 1;
      sockets.set(socket, n);
      if (n === 1) opened++;
      if (n > 1) return void socket.destroy(); // idle connections were dropped by the server
      setTimeout(() => okReply(rec, res), 30); // slow enough for two connections at once
    });
    try {
      useDatasources([{ id: "own", type: "prometheus", url: own.url }]);
      const two = await Promise.all([callProxy("own", "query", { query: "query=a" }), callProxy("own", "query", { query: "query=b" })]);
      expect(two.map((r) => r.status)).toEqual([200, 200]);
      expect(opened).toBe(2);
      const next = await callProxy("own", "query", { query: "query=c" });
      expect(next.status).toBe(200);
      expect(opened).toBe(3);
    } finally {
      await own.close();
    }
  });

  it("aborts the upstream request when the client goes away", async () => {
    const before = hang.requests.length;
    const controller = new AbortController();
    const pending = callProxy("hang", "query", { query: "query=up", signal: controller.signal });
    await expect.poll(() => hang.openSockets()).toBeGreaterThan(0);
    await expect.poll(() => hang.requests.length).toBe(before + 1);
    controller.abort();
    await pending;
    await expect.poll(() => hang.openSockets(), { timeout: 1000 }).toBe(0);
  });
});

describe("passing answers through", () => {
  it("keeps the upstream's status, envelope, warnings and infos, and decodes gzip", async () => {
    const body = '{"status":"success","data":{"resultType":"scalar","result":[1,"2"]},"warnings":["partial: store x down"],"infos":["i"]}';
    up.setReply(gzipReply(200, body, { "cache-control": "no-store" }));
    const r = await callProxy("thanos", "query", { query: "query=2" });
    expect(r.status).toBe(200);
    expect(r.text).toBe(body);
    expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
    // The upstream's directive is kept; a small answer also skips Next's gzip (lib/http/compression.ts).
    expect(r.headers.get("cache-control")).toBe("no-store, no-transform");
  });

  it("keeps an upstream error envelope and its status (Thanos 503 timeout, 422 execution)", async () => {
    for (const [status, type] of [[503, "timeout"], [422, "execution"]] as const) {
      up.setReply(gzipReply(status, `{"status":"error","errorType":"${type}","error":"x"}`));
      const r = await callProxy("thanos", "query", { query: "query=up" });
      expect(r).toMatchObject({ status, body: { status: "error", errorType: type, error: "x" } });
    }
  });

  it("serves stores for a Thanos datasource", async () => {
    const r = await callProxy("thanos", "stores");
    expect(r.status).toBe(200);
    expect(new URL(up.requests[0]!.url, up.url).pathname).toBe("/prefix/api/v1/stores");
  });
});

describe("small answers skip Next's gzip (query.compressMinBytes)", () => {
  const useConfig = (query: Record<string, unknown>) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-test-")), "orrery.config.json");
    writeFileSync(file, JSON.stringify({ datasources: [{ id: "prom", type: "prometheus", url: up.url }], query }));
    process.env.ORRERY_CONFIG = file;
    resetConfig();
    resetQueryLayer();
  };
  afterAll(() => resetQueryLayer());
  const vector = (n: number) =>
    JSON.stringify({ status: "success", data: { resultType: "vector", result: Array.from({ length: n }, (_, i) => ({ metric: { i: String(i) }, value: [1, "1"] })) } });

  it("marks answers below the threshold no-transform, and only those; errors too; 0 turns it off", async () => {
    useConfig({ compressMinBytes: 1000 });
    const small = vector(2);
    const large = vector(60);
    expect(Buffer.byteLength(small)).toBeLessThan(1000);
    expect(Buffer.byteLength(large)).toBeGreaterThanOrEqual(1000);
    up.setReply(gzipReply(200, small));
    let r = await callProxy("prom", "query", { query: "query=a" });
    expect(r.text).toBe(small);
    expect(r.headers.get("cache-control")).toBe("private, no-cache, no-transform");
    up.setReply(gzipReply(200, large));
    r = await callProxy("prom", "query", { query: "query=b" });
    expect(r.text).toBe(large);
    expect(r.headers.get("cache-control")).toBe("private, no-cache");
    r = await callProxy("prom", "admin/tsdb/snapshot");
    expect(r.status).toBe(404);
    expect(r.headers.get("cache-control")).toBe("no-store, no-transform");

    useConfig({ compressMinBytes: 0 });
    up.setReply(gzipReply(200, small));
    r = await callProxy("prom", "query", { query: "query=c" });
    expect(r.headers.get("cache-control")).toBe("private, no-cache");
  });

  it("counts bytes, not characters: a short answer of multi-byte labels over the threshold is compressed", async () => {
    useConfig({ compressMinBytes: 1000 });
    const body = JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: { l: "€".repeat(320) }, value: [1, "1"] }] } });
    expect(body.length).toBeLessThan(1000);
    expect(Buffer.byteLength(body)).toBeGreaterThan(1000);
    up.setReply(gzipReply(200, body));
    const r = await callProxy("prom", "query", { query: "query=d" });
    expect(r.text).toBe(body);
    expect(r.headers.get("cache-control")).toBe("private, no-cache");
  });
});


describe("answers relayed as received (issue 7 B1: checked by a scan, not parsed)", () => {
  const useConfig = (datasources: unknown[], query: Record<string, unknown>) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-test-")), "orrery.config.json");
    writeFileSync(file, JSON.stringify({ datasources, query }));
    process.env.ORRERY_CONFIG = file;
    resetConfig();
    resetQueryLayer();
  };
  afterAll(() => resetQueryLayer());
  const passThrough = { alignRangeWithStep: false, coalesce: false, cache: { enabled: false } };
  // Prometheus never writes this, but a proxy in front of it may: the bytes must survive untouched.
  const odd = '{ "data" : {"result":[{"metric":{"a":"\\u00e9\\n"},"values":[[1.5e1,"1"],[30,"NaN"]]},{"metric":{},"values":[]}],"resultType":"matrix"},\n"status":"success", "x":[true,false,null,-0.0] }\n';

  it("asks a loopback upstream for identity and a remote one for gzip (acceptEncoding auto); an explicit setting wins", async () => {
    const { asksForGzip } = await import("./upstream");
    expect(asksForGzip({ url: "http://127.0.0.1:9090" })).toBe(false);
    expect(asksForGzip({ url: "http://localhost:9090/prefix" })).toBe(false);
    expect(asksForGzip({ url: "http://[::1]:9090" })).toBe(false);
    expect(asksForGzip({ url: "http://127.example.com:9090" })).toBe(true);
    expect(asksForGzip({ url: "https://thanos-query.monitoring:9090" })).toBe(true);
    expect(asksForGzip({ url: "http://thanos:9090", acceptEncoding: "identity" })).toBe(false);
    expect(asksForGzip({ url: "http://127.0.0.1:9090", acceptEncoding: "gzip" })).toBe(true);
    useConfig([{ id: "prom", type: "prometheus", url: up.url }, { id: "gz", type: "prometheus", url: up.url, acceptEncoding: "gzip" }], passThrough);
    await callProxy("prom", "query", { query: "query=up" });
    await callProxy("gz", "query", { query: "query=up" });
    expect(up.requests.map((r) => r.headers["accept-encoding"])).toEqual(["identity", "gzip"]);
  });

  it("relays the upstream's bytes exactly, gzip-encoded or not, and a frames request still gets frames from them", async () => {
    useConfig([{ id: "prom", type: "prometheus", url: up.url }], passThrough);
    up.setReply((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(odd);
    });
    let r = await callProxy("prom", "query_range", { query: "query=up&start=0&end=30&step=15" });
    expect(r.status).toBe(200);
    expect(r.text).toBe(odd);
    up.setReply(gzipReply(200, odd));
    r = await callProxy("prom", "query_range", { query: "query=up&start=0&end=30&step=15" });
    expect(r.text).toBe(odd);
    r = await callProxy("prom", "query_range", { query: "query=up&start=0&end=30&step=15&format=frames" });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-orrery-format")).toBe("frames");
    expect(r.text).toContain('"a":"é\\n"');
  });

  it.each([
    ["cut short", odd.slice(0, odd.length - 3), /returned truncated or malformed JSON \(application\/json, \d+ bytes/],
    ["with trailing garbage", `${odd}x`, /returned truncated or malformed JSON/],
    ["with a control character in a string", odd.replace("NaN", "Na\u0001N"), /returned truncated or malformed JSON/],
    ["a status that is not Prometheus's", odd.replace('"success"', '"ok"'), /not a Prometheus API response/],
    ["warnings that are not strings", odd.replace('"x":', '"warnings":[1],"x":'), /not a Prometheus API response/],
    ["success without data", '{"status":"success","datum":{}}', /a "success" response without data/],
  ])("a pass-through body %s -> 502 naming it", async (_name, body, message) => {
    useConfig([{ id: "prom", type: "prometheus", url: up.url }], passThrough);
    up.setReply(gzipReply(200, body));
    const r = await callProxy("prom", "query_range", { query: "query=up&start=0&end=30&step=15" });
    expect(r.status).toBe(502);
    expect(r.body).toMatchObject({ status: "error", errorType: "bad_response" });
    expect(String(r.body?.error)).toMatch(message);
  });

  it("applies query.maxSeries to a pass-through answer without parsing it (data.result counted by the scan)", async () => {
    useConfig([{ id: "prom", type: "prometheus", url: up.url }], { ...passThrough, maxSeries: 1 });
    up.setReply(gzipReply(200, odd));
    const r = await callProxy("prom", "query_range", { query: "query=up&start=0&end=30&step=15" });
    expect(r.status).toBe(422);
    expect(String(r.body?.error)).toContain("returned 2 series, more than the limit of 1");
  });
});
