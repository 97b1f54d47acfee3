import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics } from "@/lib/ops/metrics";
import { startRecordingUpstream, type RecordingUpstream } from "@/test/recording-upstream";
import {
  APP_ORIGIN,
  type DiscoveredRoute,
  discoverRoutes,
  encodeAny,
  errorMessage,
  fillPattern,
  METHODS,
  type Method,
  readAnswer,
  recordFigure,
  REPO,
  runs,
  useApp,
  within,
} from "./harness";
import { shardParts } from "./shards";
import type { AppEnv } from "./harness";

// Every route handler on disk (a route added later is fuzzed by the next run), every exported
// method, with generated path segments, query strings, headers and bodies (overlong, deeply nested,
// wrong types, unicode, __proto__): the outcome is 2xx or a 4xx naming what was wrong; never a 5xx,
// a hang, a thrown error, an unhandled rejection, or a polluted Object.prototype.

// Hard: at least 100,000 inputs per route group (/api/<group>/...), shared among the group's routes.
const GROUP_SIZE = new Map<string, number>();
const groupOf = (pattern: string) => pattern.split("/")[2] ?? pattern;
for (const r of discoverRoutes()) GROUP_SIZE.set(groupOf(r.pattern), (GROUP_SIZE.get(groupOf(r.pattern)) ?? 0) + 1);
const perRoute = (pattern: string) => runs(300, Math.ceil(100_000 / GROUP_SIZE.get(groupOf(pattern))!));


// Handlers that cannot run outside Next's request scope (next/headers), with the reason.
const NOT_DIRECTLY_CALLABLE: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "next-auth's own handler reads next/headers (Next's request scope); fuzzed over HTTP against next start by next-auth-fuzz.test.ts (test:hard)",
};

let upstream: RecordingUpstream;
let bearer: string;
let app: AppEnv;
const rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);

beforeAll(async () => {
  // Every upstream call answers a valid empty result, so no 5xx is an upstream's doing.
  upstream = await startRecordingUpstream();
  app = await useApp([{ id: "prom", type: "prometheus", url: upstream.url, default: true, timeout: "3s" }], {});
  bearer = app.bearer;
  process.on("unhandledRejection", onRejection);
  // One stored dashboard, so uid-addressed routes reach their deeper code paths.
  const create = discoverRoutes().find((r) => r.pattern === "/api/dashboards");
  const mod = await create?.load();
  if (mod?.POST) {
    const res = await mod.POST(jsonRequest("POST", "/api/dashboards", { dashboard: { schemaVersion: 1, uid: "fuzz-a", title: "Fuzz", panels: [] } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await app?.cleanup();
  process.off("unhandledRejection", onRejection);
  await upstream?.close();
});

function jsonRequest(method: string, path: string, body: unknown): Request {
  return new Request(`${APP_ORIGIN}${path}`, {
    method,
    headers: { authorization: bearer, origin: APP_ORIGIN, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const nasty = () =>
  fc.oneof(
    fc.constantFrom("__proto__", "constructor", "prototype", "..", "%2e%2e", "../..", "/", "\\", "\u0000", "null", "undefined", "NaN", "-1", "1e309", "0x10", " ", "", "%", "%zz", "<script>alert(1)</script>", "$(rm -rf /)", "{{7*7}}", "😀", "\uFEFF", "\uD800"),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.integer().map(String),
    fc.nat(400).map((n) => "a".repeat(n * 10)),
  );

/** A value for one dynamic path segment: mostly plausible, often hostile. */
function paramValue(name: string, catchAll: boolean): fc.Arbitrary<string | string[]> {
  const plausible: Record<string, string[]> = { uid: ["fuzz-a", "nope", "matrix"], version: ["1", "2", "0", "999999"], ds: ["prom", "nope"], path: ["query", "query_range", "labels"] };
  const one = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...(plausible[name] ?? ["x"])) }, { weight: 3, arbitrary: nasty() });
  return catchAll ? fc.array(one, { minLength: 1, maxLength: 4 }) : one;
}

const QUERY_KEYS = ["q", "query", "tag", "ds", "version", "limit", "from", "to", "start", "end", "step", "starred", "sort", "__proto__", "constructor", "match[]", "namespace", "revision"];

// A real, rich dashboard (the provisioned demo) to mutate: one field at a random path replaced.
const SEED_DOC = JSON.parse(readFileSync(path.join(REPO, "dashboards", "demo-workload.json"), "utf8")) as Record<string, unknown>;

function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, i], out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  return out;
}
const SEED_PATHS = pathsOf(SEED_DOC).filter((p) => p.length > 0);

function mutate(doc: Record<string, unknown>, at: (string | number)[], value: unknown, uid: string): Record<string, unknown> {
  const copy = structuredClone(doc);
  copy.uid = uid;
  let node: Record<string | number, unknown> = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at.at(-1)!] = value;
  return copy;
}

const mutatedDoc = () =>
  fc
    .tuple(fc.nat(SEED_PATHS.length - 1), fc.oneof(fc.jsonValue({ maxDepth: 3 }), nasty()), fc.constantFrom("fuzz-a", "fuzz-m", "fuzz-n"), fc.option(fc.nat(4), { nil: undefined }))
    // POST takes {dashboard, message}, PUT also a version: both shapes are generated.
    .map(([i, value, uid, version]) => JSON.stringify({ dashboard: mutate(SEED_DOC, SEED_PATHS[i]!, value, uid), ...(version === undefined ? {} : { version }), message: "fuzz" }));

const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);

/** A body as text (or bytes): valid-looking JSON, wrong types, deep nesting, pollution attempts, garbage. */
const body = (): fc.Arbitrary<string | Uint8Array | undefined> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)) },
    { weight: 5, arbitrary: mutatedDoc() },
    {
      weight: 4,
      arbitrary: fc
        .record(
          {
            dashboard: fc.oneof(
              fc.record({ schemaVersion: fc.oneof(fc.constant(1), fc.jsonValue()), uid: fc.oneof(fc.constant("fuzz-a"), fc.constant("fuzz-new"), nasty()), title: fc.oneof(nasty(), fc.jsonValue()), panels: fc.oneof(fc.constant([]), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()) }, { requiredKeys: [] }),
              fc.jsonValue(),
            ),
            version: fc.oneof(fc.nat(5), fc.jsonValue()),
            message: fc.oneof(nasty(), fc.jsonValue()),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '{"__proto__":{"polluted":"yes"}}',
        '{"dashboard":{"__proto__":{"polluted":"yes"},"schemaVersion":1,"uid":"fuzz-p","title":"p","panels":[]}}',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
        '{"dashboard":{"schemaVersion":1,"uid":"fuzz-q","title":"q","panels":[{"__proto__":{"polluted":"yes"},"id":1,"type":"text","gridPos":{"x":0,"y":0,"w":1,"h":1}}]}}',
        '{"dashboard":{"schemaVersion":1,"uid":"fuzz-a","title":"a","panels":[],"templating":{"list":[{"__proto__":{"polluted":1}}]}},"version":1}',
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 20_000 }).map((n) => deep(n, "[", "]")) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 5_000 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 3_000 }).map((n) => `{"dashboard":${'{"panels":['.repeat(n)}${"]}".repeat(n)}}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, "", "null", "[]", "{}", "\uFEFF{}", "{}{}", '{"a":1', "1".repeat(400)) },
  );

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx", "application/json\u0000"];

interface Call {
  method: Method;
  params: Record<string, string | string[]>;
  query: [string, string][];
  contentType: string | undefined;
  body: string | Uint8Array | undefined;
  who: "admin" | "none" | "garbage";
  extraHeaders: Record<string, string>;
}

const BODYLESS = new Set<Method>(["GET", "HEAD"]);

function callArb(route: DiscoveredRoute, methods: Method[]): fc.Arbitrary<Call> {
  const params = Object.fromEntries(route.params.map((p) => [p.name, paramValue(p.name, p.catchAll)]));
  // GET and HEAD never carry a body (toRequest drops it), so none is generated for them: generating
  // (and mutating) one per call was a large part of the harness's own cost per input.
  return fc.constantFrom(...methods).chain((method) =>
    fc.record<Call>({
      method: fc.constant(method),
      params: fc.record(params) as fc.Arbitrary<Record<string, string | string[]>>,
      query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), nasty()), nasty()), { maxLength: 4 }),
      contentType: fc.oneof({ weight: 5, arbitrary: fc.constant("application/json") }, fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined })),
      body: BODYLESS.has(method) ? fc.constant(undefined) : body(),
      who: fc.constantFrom("admin", "admin", "admin", "admin", "none", "garbage"),
      extraHeaders: fc.dictionary(fc.constantFrom("accept", "accept-language", "x-requested-with", "if-match", "if-none-match", "range", "sec-fetch-site", "x-middleware-subrequest", "x-orrery-embed-token"), nasty().filter((v) => /^[\t\x20-\x7e]*$/.test(v)), { maxKeys: 3 }),
    }),
  );
}


function toRequest(route: DiscoveredRoute, c: Call): Request | undefined {
  const query = c.query.map(([k, v]) => `${encodeAny(k)}=${encodeAny(v)}`).join("&");
  const headers = new Headers(c.extraHeaders);
  if (c.who === "admin") headers.set("authorization", bearer);
  if (c.who === "garbage") headers.set("authorization", "Bearer orr_garbage.garbage");
  headers.set("origin", APP_ORIGIN);
  if (c.contentType !== undefined) {
    try {
      headers.set("content-type", c.contentType);
    } catch {
      return undefined;
    }
  }
  const withBody = !BODYLESS.has(c.method) && c.body !== undefined;
  return new Request(`${APP_ORIGIN}${fillPattern(route, c.params)}${query ? `?${query}` : ""}`, { method: c.method, headers, ...(withBody ? { body: c.body as BodyInit } : {}) });
}

const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(",");

describe("route handler fuzzing", () => {
  const routes = discoverRoutes();
  // ORRERY_FUZZ_GROUPS=d-solo,ds: only those route groups (a rerun after their handlers changed).
  const only = process.env.ORRERY_FUZZ_GROUPS?.split(",").filter(Boolean);
  const unknownGroups = only?.filter((g) => !routes.some((r) => groupOf(r.pattern) === g)) ?? [];
  if (unknownGroups.length) throw new Error(`ORRERY_FUZZ_GROUPS names no route group: ${unknownGroups.join(", ")}`);
  const parts = shardParts(only ? routes.filter((r) => only.includes(groupOf(r.pattern))) : routes, (r) => perRoute(r.pattern), process.env.ORRERY_FUZZ_SHARD);
  const totals: Record<string, { runs: number; statuses: Record<number, number> }> = {};
  afterAll(() => console.log(JSON.stringify(totals)));

  it("finds the routes on disk", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  for (const { route, index, of, count: PER_ROUTE } of parts) {
    const skip = NOT_DIRECTLY_CALLABLE[route.file];
    const label = of > 1 ? ` (part ${index + 1} of ${of})` : "";
    it.skipIf(Boolean(skip))(`${route.pattern}${label}: ${PER_ROUTE} inputs → 2xx or 4xx with a message`, { timeout: 3_600_000 }, async () => {
      const mod = await route.load();
      const methods = METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length).toBeGreaterThan(0);
      const group = groupOf(route.pattern);
      const t = (totals[group] ??= { runs: 0, statuses: {} });
      const before = protoKeys();
      // /api/metrics renders every series the process holds; the request histogram has one per
      // route × method × status the fuzz produced so far (thousands, ~20 ms a render). Start each
      // route from empty series so the fuzz's cost is the handler's, not the earlier routes' history.
      metrics().registry.resetMetrics();
      await fc.assert(
        fc.asyncProperty(callArb(route, methods), async (c) => {
          const req = toRequest(route, c);
          if (!req) return;
          t.runs++;
          const res = await within(15_000, `${c.method} ${req.url}`, mod[c.method]!(req, { params: Promise.resolve(c.params) }));
          const answer = await readAnswer(res);
          t.statuses[answer.status] = (t.statuses[answer.status] ?? 0) + 1;
          expect(answer.status, `${c.method} ${req.url}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
          if (answer.status >= 400 && c.method !== "HEAD") expect(errorMessage(answer.json), `${c.method} ${req.url} ${answer.status}: ${answer.text.slice(0, 200)}`).toMatch(/\S/);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(protoKeys()).toBe(before);
          expect(rejections).toEqual([]);
        }),
        { numRuns: PER_ROUTE, seed: (Number(process.env.ORRERY_FUZZ_SEED ?? Date.now() % 2 ** 31) + index) % 2 ** 31 },
      );
      // Only reached when every input passed.
      recordFigure({ suite: "route fuzz", group, route: route.pattern, runs: PER_ROUTE, fiveXx: 0, crashes: 0, hangs: 0 });
    });
  }
});
