import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/embed-tokens/[id]/route";
import * as tokensRoute from "@/app/api/embed-tokens/route";
import * as queryRoute from "@/app/api/d-solo/[uid]/panels/[panelId]/query/route";
import * as itemRoute from "@/app/api/dashboards/[uid]/route";
import * as collectionRoute from "@/app/api/dashboards/route";
import { getAuthContext } from "@/lib/auth/context";
import { EMBED_TOKEN_HEADER } from "@/lib/auth/session";
import { mintForDashboard, mintBodySchema } from "@/lib/embed/mint";
import { startScratchPrometheus, type ScratchPrometheus } from "@/test/stack";
import { type Grant, tamperedTokens, type TokenCase } from "./embed-token-kinds";
import { type FaultProxy, startFaultProxy } from "./fault-proxy";
import { APP_ORIGIN, type AppEnv, errorMessage, readAnswer, recordFigure, runs, useApp, within } from "./harness";

// Tampered and foreign embed tokens against the solo-panel query route (the real handler, a real
// Prometheus behind the fault proxy, whose log is every request that reached the upstream):
// altered signature or payload bytes, alg none / HS512 / foreign keys, expired, revoked (replayed
// after revocation), never recorded, tokens for another dashboard, panel or version, user A's token
// on user B's dashboard, variables the token does not pin, PromQL smuggled in the query string, the
// path and headers, and the token carried in a cookie, the query string or Authorization instead of
// its header. Outcome: every answer is a 4xx with a message, or a 200 with only the stored panel's
// data; and at the upstream, 0 PromQL runs that are not the stored expression of the panel the
// token covers (at the token's version, with a value the token allows).

const RUNS = runs(60, 1_500);
const SECRET = "reliability-embed-secret-0123456789abcdef";
const SMUGGLED = 'count({__name__=~".+"}) or smuggled_metric';

// Every expression labels its result with the panel, version and variable value it came from, so the
// data of a 200 tells which stored query produced it.
const expr = (tag: string) => `label_replace(vector(1), "panel", "${tag}", "", "")`;
const JOB = { name: "job", type: "custom", query: "node,api,secret", current: { value: "node" } };
const ENV = { name: "env", type: "custom", query: "prod,staging", current: { value: "prod" } };
const dashA = (v: number) => ({
  schemaVersion: 1,
  uid: "emb-a",
  title: "A",
  time: { from: "now-1h", to: "now" },
  templating: { list: [JOB, ENV] },
  panels: [
    { id: 2, type: "timeseries", title: "A2 $job", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: expr(`a2v${v}-$job`), minStep: "1m" }] },
    { id: 3, type: "stat", title: "A3", gridPos: { x: 12, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: expr(`a3v${v}`), instant: true }] },
  ],
});
const dashB = {
  schemaVersion: 1,
  uid: "emb-b",
  title: "B",
  time: { from: "now-1h", to: "now" },
  templating: { list: [{ ...JOB, query: "node,api" }] },
  panels: [{ id: 2, type: "timeseries", title: "B2", gridPos: { x: 0, y: 0, w: 24, h: 8 }, targets: [{ refId: "A", expr: expr("b2v1-$job"), minStep: "1m" }] }],
};

/** The stored panel tags (see `expr`) a grant may produce for one panel. */
function allowedTags(g: Grant, panel: number): string[] {
  const jobs = g.vars.job ?? ["node"];
  if (g.uid === "emb-b") return jobs.map((j) => `b2v1-${j}`);
  return panel === 3 ? [`a3v${g.ver}`] : jobs.map((j) => `a2v${g.ver}-${j}`);
}

let prom: ScratchPrometheus;
let fp: FaultProxy;
let app: AppEnv;
const editor: Record<"a" | "b", string> = { a: "", b: "" };
const tokens: TokenCase[] = [];

function jsonReq(method: string, path: string, bearer: string, body?: unknown): Request {
  return new Request(`${APP_ORIGIN}${path}`, {
    method,
    headers: { authorization: bearer, origin: APP_ORIGIN, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function mint(who: "a" | "b", body: Record<string, unknown>): Promise<{ token: string; id: string; version: number }> {
  const res = await tokensRoute.POST(jsonReq("POST", "/api/embed-tokens", editor[who], body), undefined as never);
  const json = (await res.json()) as { token: string; id: string; version: number };
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}

async function revoke(who: "a" | "b", id: string): Promise<number> {
  const res = await tokenRoute.DELETE(jsonReq("DELETE", `/api/embed-tokens/${id}`, editor[who]), { params: Promise.resolve({ id }) });
  return res.status;
}

/** Builds the token corpus: genuine tokens (with their grants) and every kind of tampered or foreign one. */
async function buildTokens(): Promise<void> {
  const relative = { time: { mode: "relative", maxSpan: "6h" }, ttl: "1d" };
  const a2v1 = await mint("a", { uid: "emb-a", panels: [2], variables: { job: ["node", "api"] }, ...relative });
  const a3v1 = await mint("a", { uid: "emb-a", panels: [3], ...relative });
  const b2 = await mint("b", { uid: "emb-b", panels: [2], variables: { job: ["api"] }, ...relative });
  const revoked = await mint("a", { uid: "emb-a", panels: [2, 3], ...relative });
  // Version 2 of A: tokens minted before it keep running version 1's queries.
  const put = await itemRoute.PUT(jsonReq("PUT", "/api/dashboards/emb-a", editor.a, { dashboard: dashA(2), version: 1 }), { params: Promise.resolve({ uid: "emb-a" }) });
  expect(put.status).toBe(200);
  const now = Date.now();
  const a23v2 = await mint("a", { uid: "emb-a", panels: [2, 3], variables: { job: ["secret"], env: ["staging"] }, time: { mode: "fixed", fromMs: now - 3_600_000, toMs: now }, ttl: 3600 });
  // Expired: minted two hours ago with a one-minute lifetime (the lib call takes a clock; the route does not).
  const expired = await mintForDashboard(mintBodySchema.parse({ uid: "emb-a", panels: [2], ...relative, ttl: 60 }), {
    ctx: getAuthContext(),
    createdBy: "token:editor-a",
    baseUrl: APP_ORIGIN,
    nowMs: now - 7_200_000,
  });

  // Replay after revocation: the token works, its owner revokes it (another editor may not), it no longer works.
  const before = await query({ uid: "emb-a", panel: "2", search: "", headers: { [EMBED_TOKEN_HEADER]: revoked.token } });
  expect(before.status).toBe(200);
  expect(await revoke("b", revoked.id)).toBe(403);
  expect(await revoke("a", revoked.id)).toBe(200);
  const after = await query({ uid: "emb-a", panel: "2", search: "", headers: { [EMBED_TOKEN_HEADER]: revoked.token } });
  expect(after.status).toBe(401);
  expect(errorMessage(after.json)).toMatch(/revoked/);

  const grantA2v1: Grant = { uid: "emb-a", panels: [2], ver: 1, vars: { job: ["node", "api"] } };
  tokens.push(
    { name: "genuine A p2 v1", token: a2v1.token, grant: grantA2v1 },
    { name: "genuine A p3 v1", token: a3v1.token, grant: { uid: "emb-a", panels: [3], ver: 1, vars: {} } },
    { name: "genuine A p2+p3 v2", token: a23v2.token, grant: { uid: "emb-a", panels: [2, 3], ver: 2, vars: { job: ["secret"], env: ["staging"] } } },
    { name: "genuine B p2 (user B's)", token: b2.token, grant: { uid: "emb-b", panels: [2], ver: 1, vars: { job: ["api"] } } },
    { name: "revoked (replay)", token: revoked.token },
    { name: "expired", token: expired.token },
  );

  tokens.push(...(await tamperedTokens({ a2v1: { token: a2v1.token, grant: grantA2v1 }, a3v1: a3v1.token, revoked: revoked.token, expired: expired.token }, { secret: SECRET, smuggled: SMUGGLED, nowMs: now })));
}

interface QueryCall {
  uid: string;
  panel: string;
  search: string;
  headers: Record<string, string>;
}

async function query(c: QueryCall) {
  const url = `${APP_ORIGIN}/api/d-solo/${encodeURIComponent(c.uid)}/panels/${encodeURIComponent(c.panel)}/query${c.search ? `?${c.search}` : ""}`;
  const res = await within(20_000, url, queryRoute.GET(new Request(url, { headers: c.headers }), { params: Promise.resolve({ uid: c.uid, panelId: c.panel }) }));
  return { ...(await readAnswer(res)), setCookie: res.headers.get("set-cookie") };
}

beforeAll(async () => {
  prom = await startScratchPrometheus();
  fp = await startFaultProxy({ target: prom.url });
  // Cache and coalescing off: each answered request's upstream traffic is its own.
  app = await useApp([{ id: "prom", type: "prometheus", url: fp.url, default: true, timeout: "10s", scrapeInterval: "15s" }], {
    query: { cache: { enabled: false }, coalesce: false },
    auth: { secret: SECRET, url: APP_ORIGIN, embed: { maxTtl: "30d" } },
  });
  const ctx = getAuthContext();
  editor.a = `Bearer ${(await ctx.apiTokens.create({ name: "editor-a", role: "editor", createdBy: "tests" })).token}`;
  editor.b = `Bearer ${(await ctx.apiTokens.create({ name: "editor-b", role: "editor", createdBy: "tests" })).token}`;
  for (const [who, doc] of [["a", dashA(1)], ["b", dashB]] as const) {
    const res = await collectionRoute.POST(jsonReq("POST", "/api/dashboards", editor[who], { dashboard: doc }), { params: Promise.resolve({}) });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  await buildTokens();
}, 180_000);

afterAll(async () => {
  await app?.cleanup();
  await fp?.close();
  await prom?.dispose();
});

type Transport = "header" | "cookie" | "query" | "bearer" | "header twice";
type Smuggle =
  | { where: "none" }
  | { where: "query"; key: string }
  | { where: "path"; uid?: string; panel?: string }
  | { where: "header"; name: string };

interface Attack {
  /** Used unless `own` and the token is genuine: then the panel the token covers. */
  target: { uid: string; panel: number };
  own: boolean;
  token: number;
  transport: Transport;
  smuggle: Smuggle;
  vars: [string, string][];
  range: [string, string][];
}

const TARGETS = [
  { uid: "emb-a", panel: 2 },
  { uid: "emb-a", panel: 3 },
  { uid: "emb-b", panel: 2 },
  { uid: "emb-a", panel: 99 },
  { uid: "emb-nope", panel: 2 },
];

const attack = (): fc.Arbitrary<Attack> =>
  fc.record<Attack>({
    target: fc.constantFrom(...TARGETS),
    own: fc.boolean(),
    // Genuine tokens (the first four) half the time, so the 200 path is exercised as often as the refusals.
    token: fc.oneof(fc.nat(3), fc.nat(tokens.length - 1)),
    transport: fc.oneof({ weight: 6, arbitrary: fc.constant<Transport>("header") }, fc.constantFrom<Transport>("cookie", "query", "bearer", "header twice")),
    smuggle: fc.oneof(
      { weight: 5, arbitrary: fc.constant<Smuggle>({ where: "none" }) },
      { weight: 2, arbitrary: fc.constantFrom("query", "expr", "match[]", "match", "QUERY", "Expr", "MATCH[]").map((key): Smuggle => ({ where: "query", key })) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.constantFrom("emb-a/../emb-b", "emb-a?query=x", "emb-a;query=x", "emb-a\u0000", "..", "emb-a ", "EMB-A%2e").map((uid): Smuggle => ({ where: "path", uid })),
          fc.constantFrom("2?query=x", "2;query=x", "2/../3", "2 ", "2.0", "-2", "0x2", "2e0", "²", "9999999999", `2&query=${SMUGGLED}`).map((panel): Smuggle => ({ where: "path", panel })),
        ),
      },
      { weight: 2, arbitrary: fc.constantFrom("x-orrery-query", "x-prometheus-query", "x-query", "x-forwarded-query", "x-original-url", "x-rewrite-url").map((name): Smuggle => ({ where: "header", name })) },
    ),
    vars: fc.oneof({ weight: 2, arbitrary: fc.constant<[string, string][]>([]) }, fc.array(fc.tuple(fc.constantFrom("var-job", "var-env", "var-__proto__", "var-constructor", "var-other"), fc.constantFrom("node", "api", "secret", "staging", "prod", SMUGGLED, "")), { maxLength: 2 })),
    range: fc.oneof(
      { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
      fc.constantFrom<[string, string][]>([["from", "now-30d"]], [["from", "now-5m"], ["to", "now"]], [["from", "0"], ["to", String(Date.now() + 86_400_000)]], [["from", "now-2d"], ["to", "now-1d"]], [["width", "100000"]]),
    ),
  });

/** The attack with its target settled: a genuine token's own panel when `own` is set. */
function settle(a: Attack): Attack {
  const g = tokens[a.token]!.grant;
  if (!a.own || !g) return a;
  return { ...a, target: { uid: g.uid, panel: g.panels[a.vars.length % g.panels.length]! } };
}

/** Whether the request is one the token legitimately allows (then it must answer 200). */
function legitimate(a: Attack): boolean {
  const g = tokens[a.token]!.grant;
  if (!g || a.transport !== "header") return false;
  if (a.smuggle.where === "query" || a.smuggle.where === "path") return false;
  if (g.uid !== a.target.uid || !g.panels.includes(a.target.panel)) return false;
  for (const [k, v] of a.vars) {
    const allowed = Object.hasOwn(g.vars, k.slice(4)) ? g.vars[k.slice(4)]! : undefined;
    if (!allowed?.includes(v)) return false;
  }
  return true;
}

function toCall(a: Attack): QueryCall {
  const t = tokens[a.token]!.token;
  const params = new URLSearchParams([...a.vars, ...a.range]);
  if (a.smuggle.where === "query") params.append(a.smuggle.key, SMUGGLED);
  if (a.transport === "query") params.append("token", t);
  const headers: Record<string, string> = {};
  if (a.transport === "header") headers[EMBED_TOKEN_HEADER] = t;
  if (a.transport === "header twice") headers[EMBED_TOKEN_HEADER] = `${tokens[4]!.token}, ${t}`;
  if (a.transport === "cookie") headers.cookie = `${EMBED_TOKEN_HEADER}=${t}; next-auth.session-token=${t}; orrery-embed=${t}`;
  if (a.transport === "bearer") headers.authorization = `Bearer ${t}`;
  if (a.smuggle.where === "header") headers[a.smuggle.name] = SMUGGLED;
  const uid = a.smuggle.where === "path" && a.smuggle.uid !== undefined ? a.smuggle.uid : a.target.uid;
  const panel = a.smuggle.where === "path" && a.smuggle.panel !== undefined ? a.smuggle.panel : String(a.target.panel);
  return { uid, panel, search: params.toString(), headers };
}

const PROM_HANDLERS = ["/api/v1/query", "/api/v1/query_range"];

/** Prometheus's own count of query requests it served (from its /metrics, which is no query). */
async function promQueryCount(): Promise<number> {
  const text = await (await fetch(`${prom.url}/metrics`)).text();
  let total = 0;
  for (const m of text.matchAll(/^prometheus_http_requests_total\{([^}]*)\} (\S+)$/gm)) {
    const handler = /handler="([^"]*)"/.exec(m[1]!)?.[1];
    if (handler && PROM_HANDLERS.includes(handler)) total += Number(m[2]);
  }
  return total;
}

describe("embed tokens: tampered, foreign, revoked and smuggling requests", () => {
  it("var-__proto__ / var-constructor are variables the token does not pin (403), never a prototype", async () => {
    for (const name of ["__proto__", "constructor", "toString"]) {
      const from = fp.log.length;
      const res = await query({ uid: "emb-a", panel: "2", search: `var-${name}=node`, headers: { [EMBED_TOKEN_HEADER]: tokens[0]!.token } });
      expect(res.status, res.text).toBe(403);
      expect(errorMessage(res.json)).toContain(name);
      expect(fp.log.length).toBe(from);
    }
  });

  it(`${RUNS} requests: 4xx with a message or 200 with only the stored panel's data; 0 foreign PromQL at the upstream`, { timeout: 1_800_000 }, async () => {
    const statuses: Record<number, number> = {};
    const byToken: Record<string, number> = {};
    let foreign = 0;
    let answered = 0;
    let upstreamRuns = 0;
    const promBefore = await promQueryCount();
    const logBefore = fp.log.length;
    await fc.assert(
      fc.asyncProperty(attack().map(settle), async (a) => {
        const tc = tokens[a.token]!;
        const call = toCall(a);
        const what = `${tc.name} via ${a.transport}, smuggle ${JSON.stringify(a.smuggle)}, ${call.uid}/${call.panel}?${call.search}`;
        const from = fp.log.length;
        const res = await query(call);
        const sent = fp.log.slice(from);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        byToken[tc.name] = (byToken[tc.name] ?? 0) + 1;
        expect(res.setCookie, what).toBeNull();
        // At the upstream: only the stored queries of the panel the (genuine) token covers.
        const allowed = new Set(tc.grant && res.status === 200 ? allowedTags(tc.grant, a.target.panel).map(expr) : []);
        for (const e of sent) {
          upstreamRuns++;
          const q = new URL(e.url, "http://x").searchParams.get("query");
          if (!PROM_HANDLERS.includes(e.path) || q === null || !allowed.has(q)) {
            foreign++;
            throw new Error(`foreign upstream request ${e.method} ${e.url} for ${what}`);
          }
        }
        if (!legitimate(a)) {
          expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
          expect(errorMessage(res.json), what).toMatch(/\S/);
          expect(sent, what).toEqual([]);
          return;
        }
        expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBe(200);
        answered++;
        const body = res.json as {
          dashboard: { uid: string; version: number };
          panel: { id: number; targets: { expr: string }[] };
          targets: { error?: string; data?: { result: { metric: Record<string, string> }[] } }[];
        };
        const g = tc.grant!;
        expect(body.dashboard, what).toMatchObject({ uid: g.uid, version: g.ver });
        expect(body.panel.id, what).toBe(a.target.panel);
        expect(body.panel.targets.every((t) => t.expr === ""), `${what}: the stored PromQL is not shown to an embed`).toBe(true);
        expect(sent.length, what).toBeGreaterThan(0);
        const tags = allowedTags(g, a.target.panel);
        for (const t of body.targets) {
          expect(t.error, what).toBeUndefined();
          expect(t.data!.result.length, what).toBeGreaterThan(0);
          for (const s of t.data!.result) expect(tags, `${what}: series ${JSON.stringify(s.metric)}`).toContain(s.metric.panel);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.ORRERY_FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    const promServed = (await promQueryCount()) - promBefore;
    const logged = fp.log.slice(logBefore).filter((e) => PROM_HANDLERS.includes(e.path)).length;
    const refused = Object.entries(statuses).reduce((n, [s, c]) => n + (Number(s) >= 400 ? c : 0), 0);
    const summary = { suite: "embed tokens", requests: RUNS, tokenKinds: tokens.length, refused, answered, upstreamRuns, foreignRuns: foreign, prometheusServed: promServed, statuses };
    recordFigure(summary);
    console.log(JSON.stringify({ ...summary, byToken }));
    // Prometheus itself served exactly the query requests the proxy logged: its log is the whole story.
    expect(promServed).toBe(logged);
    expect(foreign).toBe(0);
    // Both sides were exercised.
    expect(answered).toBeGreaterThan(RUNS / 20);
    expect(refused).toBeGreaterThan(RUNS / 2);
  });
});
