import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScratchPrometheus, type ScratchPrometheus } from "@/test/stack";
import { startRecordingUpstream, type RecordingUpstream } from "@/test/recording-upstream";
import { type FaultProxy, startFaultProxy } from "./fault-proxy";
import { APP_ORIGIN, discoverRoutes, readAnswer, recordFigure, type RouteModule, runs, useApp, within } from "./harness";
import type { AppEnv } from "./harness";

// Crafted requests to the PromQL proxy route (auth included) reach no host but the configured
// one and no path off the allowlist: counted by recording listeners on other local ports (the
// "traps" every crafted host, URL and header points at) and by the fault proxy's log in front of
// the real Prometheus. Client cookies and Authorization never go upstream; upstream Set-Cookie never comes back.

const RUNS = runs(500, 10_000);

// The documented allowlist (docs/architecture.md), written out here: it is the contract, not a copy of endpoints.ts.
const ALLOWED_PATH =
  /^\/api\/v1\/(query|query_range|query_exemplars|series|labels|metadata|targets|rules|alerts|status\/(buildinfo|runtimeinfo|config|flags|tsdb)|label\/[A-Za-z_][A-Za-z0-9_]*\/values)$/;

let prom: ScratchPrometheus;
let fp: FaultProxy;
let traps: RecordingUpstream[];
let route: RouteModule;
let bearer: string;
let app: AppEnv;
const SESSION = "next-auth.session-token=client-session-secret";

beforeAll(async () => {
  prom = await startScratchPrometheus();
  fp = await startFaultProxy({ target: prom.url });
  traps = await Promise.all([startRecordingUpstream(), startRecordingUpstream(), startRecordingUpstream()]);
  app = await useApp([
    { id: "prom", type: "prometheus", url: fp.url, timeout: "5s" },
    { id: "thanos", type: "thanos", url: `${fp.url}/thanos`, timeout: "5s" },
  ]);
  bearer = app.bearer;
  route = await discoverRoutes().find((r) => r.pattern === "/api/ds/[ds]/api/v1/[...path]")!.load();
}, 120_000);

afterAll(async () => {
  await app?.cleanup();
  await Promise.all((traps ?? []).map((t) => t.close()));
  await fp?.close();
  await prom?.dispose();
});

function attackPieces(): string[] {
  const hosts = traps.map((t) => new URL(t.url).host);
  return hosts.flatMap((h) => [
    `http://${h}/`,
    `//${h}`,
    `@${h}`,
    `\\\\${h}`,
    `http:%2F%2F${h}`,
    `%2F%2F${h}`,
    `%252F%252F${h}`,
    `https://user:pw@${h}/api/v1/query`,
    h,
  ]);
}

const TRAVERSAL = ["..", ".", "%2e%2e", "%2E%2E", "%252e%252e", "..%2f", "..%5c", "%2e%2e%2f", "..\\", "\\..", "%c0%ae%c0%ae", "．．", "..;", "%00", ""];
const SEGMENTS = [
  "query", "query_range", "series", "labels", "label", "values", "__name__", "job", "status", "config", "buildinfo", "tsdb",
  "admin", "delete_series", "snapshot", "clean_tombstones", "federate", "write", "read", "otlp", "stores", "api", "v1", "targets", "metadata",
  "query%2F..%2F..%2Fadmin", "label%2F..%2Fadmin", "%2Fapi%2Fv1%2Fadmin", "query?x=", "query#frag", "QUERY", "query ", "query%20", "query%0d%0aHost:%20evil",
];
const VALID_PATHS = ["query", "query_range", "series", "labels", "label/job/values", "label/__name__/values", "status/buildinfo", "targets", "stores", "metadata"];
const PARAM_KEYS = ["query", "match[]", "start", "end", "step", "time", "timeout", "dedup", "partial_response", "url", "host", "target", "__proto__", "constructor", "redirect", "X"];

const segment = () => fc.oneof(fc.constantFrom(...SEGMENTS), fc.constantFrom(...TRAVERSAL), fc.constantFrom(...attackPieces()), fc.string({ maxLength: 12 }));
const value = () =>
  fc.oneof(
    fc.constantFrom("up", "sum(rate(prometheus_http_requests_total[1m]))", "0", "60", "15", "now", "-1", "1e400", ""),
    fc.constantFrom(...attackPieces()),
    fc.constantFrom("a\r\nHost: evil.example", "x\r\n\r\nGET /api/v1/admin/tsdb/delete_series HTTP/1.1", "%0d%0aSet-Cookie:%20x=1", "\u0000", "../../admin"),
    fc.string({ maxLength: 40 }),
  );

const HEADER_ATTACKS = () =>
  fc.record(
    {
      host: fc.constantFrom(...attackPieces().filter((p) => !p.includes("/") && !p.includes("\\"))),
      "x-forwarded-host": fc.constantFrom(...attackPieces().filter((p) => !p.includes("\\"))),
      "x-forwarded-for": fc.constant("169.254.169.254"),
      "x-forwarded-proto": fc.constantFrom("https", "gopher"),
      forwarded: fc.constant(`for=1.2.3.4;host=${new URL(traps[0]!.url).host}`),
      "x-real-ip": fc.constant("10.0.0.1"),
      connection: fc.constantFrom("keep-alive, x-secret-hop", "close", "upgrade"),
      "x-secret-hop": fc.constant("hop-by-hop-value"),
      upgrade: fc.constant("websocket"),
      te: fc.constant("trailers"),
      "proxy-authorization": fc.constant("Basic c2VjcmV0OnNlY3JldA=="),
      "x-orrery-upstream": fc.constantFrom(...traps.map((t) => t.url)),
      "x-scope-orgid": fc.constant("other-tenant"),
    },
    { requiredKeys: [] },
  );

interface Crafted {
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  ds: string;
  segments: string[];
  params: [string, string][];
  headers: Record<string, string>;
  form: boolean;
}

const crafted = () =>
  fc.record<Crafted>({
    method: fc.constantFrom("GET", "GET", "POST", "PUT", "DELETE", "PATCH"),
    ds: fc.oneof({ weight: 5, arbitrary: fc.constantFrom("prom", "thanos") }, fc.constantFrom(...attackPieces(), "..", "%2e%2e", "PROM", "prom ", "__proto__", "constructor")),
    segments: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...VALID_PATHS).map((p) => p.split("/")) },
      // a valid path with attack segments spliced in (before, inside or after)
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...VALID_PATHS), fc.array(segment(), { minLength: 1, maxLength: 3 }), fc.nat(3)).map(([p, extra, at]) => {
        const parts = p.split("/");
        parts.splice(Math.min(at, parts.length), 0, ...extra);
        return parts;
      }) },
      { weight: 2, arbitrary: fc.array(segment(), { minLength: 0, maxLength: 5 }) },
    ),
    params: fc.array(fc.tuple(fc.constantFrom(...PARAM_KEYS), value()), { maxLength: 5 }),
    headers: HEADER_ATTACKS(),
    form: fc.boolean(),
  });

/**
 * Builds the request as a client would send it, and the params Next would hand the route: the
 * URL is parsed (dot segments and backslashes resolved as WHATWG does), then the path after
 * /api/ds/<ds>/api/v1/ is split and percent-decoded per segment. Returns undefined when the URL
 * no longer lands on this route (Next would not call the handler at all).
 */
function build(c: Crafted): { req: Request; ds: string; path: string[] } | undefined {
  const raw = `/api/ds/${c.ds}/api/v1/${c.segments.join("/")}`;
  const query = c.params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  let url: URL;
  try {
    url = new URL(`${raw}${c.method === "GET" || !c.form ? `?${query}` : ""}`, APP_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== APP_ORIGIN) return undefined;
  const m = /^\/api\/ds\/([^/]+)\/api\/v1\/(.+)$/.exec(url.pathname);
  if (!m) return undefined;
  let ds: string;
  let path: string[];
  try {
    ds = decodeURIComponent(m[1]!);
    path = m[2]!.split("/").map(decodeURIComponent);
  } catch {
    return undefined; // Next answers 400 for malformed percent-encoding before any route runs
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(c.headers)) {
    try {
      headers.set(k, v);
    } catch {
      // a value fetch refuses to send (a client cannot send it either)
    }
  }
  headers.set("authorization", bearer);
  headers.set("cookie", SESSION);
  const init: RequestInit = { method: c.method, headers };
  if (c.method !== "GET") {
    headers.set("origin", APP_ORIGIN);
    headers.set("content-type", c.form ? "application/x-www-form-urlencoded" : "text/plain");
    init.body = c.form ? query : "query=up";
  }
  return { req: new Request(url, init), ds, path };
}

describe("proxy containment", () => {
  it(`${RUNS} crafted requests: 0 reach another host, 0 a path off the allowlist, 0 credentials forwarded, 0 5xx`, { timeout: 1_200_000 }, async () => {
    const statuses = new Map<number, number>();
    let routed = 0;
    let upstreamBefore = fp.log.length;
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(crafted(), async (c) => {
        const built = build(c);
        if (!built) return;
        routed++;
        upstreamBefore = fp.log.length;
        const res = await within(20_000, `${c.method} ${built.req.url}`, route[c.method]!(built.req, { params: Promise.resolve({ ds: built.ds, path: built.path }) }));
        const answer = await readAnswer(res);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) problems.push(`${answer.status} for ${c.method} ${built.req.url}: ${answer.text.slice(0, 200)}`);
        if (res.headers.get("set-cookie")) problems.push(`Set-Cookie relayed for ${built.req.url}`);
        if (!/^application\/json/.test(res.headers.get("content-type") ?? "")) problems.push(`non-JSON answer for ${built.req.url}`);
        for (const e of fp.log.slice(upstreamBefore)) {
          const thanos = e.path.startsWith("/thanos/");
          const p = e.path.replace(/^\/thanos/, "");
          if (!ALLOWED_PATH.test(p) && !(thanos && p === "/api/v1/stores")) problems.push(`upstream saw ${e.method} ${e.url}`);
          if (e.headers.cookie || e.headers.authorization || e.headers["proxy-authorization"]) problems.push(`credentials forwarded on ${e.url}`);
          for (const h of Object.keys(e.headers)) if (/^(x-forwarded.*|forwarded|x-real-ip|x-secret-hop|upgrade|te|x-orrery.*|x-scope-orgid)$/.test(h)) problems.push(`header ${h} forwarded on ${e.url}`);
          if (e.headers.host !== new URL(fp.url).host) problems.push(`Host ${e.headers.host} on ${e.url}`);
          if (!["GET", "POST"].includes(e.method)) problems.push(`method ${e.method} upstream`);
        }
        if (problems.length) throw new Error(problems.join("\n"));
      }),
      { numRuns: RUNS, seed: Number(process.env.ORRERY_FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    const trapHits = traps.reduce((n, t) => n + t.requests.length, 0);
    const upstream = fp.log.length;
    const summary = { suite: "proxy containment", crafted: RUNS, routed, upstreamRequests: upstream, trapHits, offAllowlist: 0, fiveXx: 0, statuses: Object.fromEntries(statuses) };
    recordFigure(summary);
    console.log(JSON.stringify(summary));
    expect(trapHits).toBe(0);
    // The generator does reach Prometheus (valid requests are part of the mix), so the checks above ran.
    expect(upstream).toBeGreaterThan(RUNS / 50);
    expect(routed).toBeGreaterThan(RUNS / 2);
  });
});
