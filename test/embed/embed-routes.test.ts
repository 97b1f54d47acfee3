import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getAuthContext, resetAuthContext } from "@/lib/auth/context";
import { embedSigningKey } from "@/lib/auth/embed-tokens";
import { EMBED_TOKEN_HEADER } from "@/lib/auth/session";
import { resetConfig } from "@/lib/config";
import { getDashboardRepository, resetRepository } from "@/lib/dashboards/repository";
import { parseDashboard } from "@/lib/dashboards/parse";
import { soloPanelResponseSchema } from "@/lib/embed/solo-schema";
import { resetQueryLayer } from "@/lib/promql/query-layer";
import { SignJWT } from "jose";
import { startRecordingUpstream, type RecordingUpstream } from "@/test/recording-upstream";
import { APP, SECRET } from "@/test/auth/setup";
import * as tokensRoute from "@/app/api/embed-tokens/route";
import * as tokenRoute from "@/app/api/embed-tokens/[id]/route";
import * as queryRoute from "@/app/api/d-solo/[uid]/panels/[panelId]/query/route";

// The embed API end to end on the real handlers: minting through POST /api/embed-tokens, then the
// solo-panel query route with the token, against a recording upstream that shows exactly which
// PromQL left the server (and that nothing did for every refused request).

const NOW = Date.now();
let root: string;
let upstream: RecordingUpstream;
const bearer: Record<"viewer" | "editor" | "editor2" | "admin", string> = { viewer: "", editor: "", editor2: "", admin: "" };

const DASHBOARD = {
  schemaVersion: 1,
  uid: "emb",
  title: "Embed me",
  time: { from: "now-1h", to: "now" },
  templating: {
    list: [
      { name: "job", type: "custom", query: "node,api,secret", current: { value: "node" } },
      { name: "env", type: "custom", query: "prod,staging", current: { value: "prod" } },
    ],
  },
  panels: [
    { id: 2, type: "timeseries", title: "Up of $job", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: 'up{job="$job",env="$env"}', minStep: "1m" }] },
    { id: 3, type: "stat", title: "Other", gridPos: { x: 12, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "panel_three_metric", instant: true }] },
  ],
};

function matrixReply(req: { url: string }, res: import("node:http").ServerResponse) {
  const u = new URL(req.url, "http://x");
  const start = Number(u.searchParams.get("start") ?? 0);
  res.writeHead(200, { "content-type": "application/json" });
  if (u.pathname.endsWith("/query_range")) {
    res.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: { job: "node" }, values: [[start, "1"]] }] } }));
  } else {
    res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [NOW / 1000, "7"] }] } }));
  }
}

beforeAll(async () => {
  upstream = await startRecordingUpstream(matrixReply);
  root = await mkdtemp(path.join(tmpdir(), "orrery-embed-"));
  await mkdir(path.join(root, "provisioned"));
  const configFile = path.join(root, "orrery.config.json");
  // Cache off, so each request's upstream traffic is its own.
  const config = {
    datasources: [{ id: "prom", type: "prometheus", url: upstream.url, scrapeInterval: "15s" }],
    query: { cache: { enabled: false }, coalesce: false },
    auth: { secret: SECRET, url: APP, embed: { maxTtl: "30d" } },
  };
  await writeFile(configFile, JSON.stringify(config));
  vi.stubEnv("ORRERY_CONFIG", configFile);
  vi.stubEnv("ORRERY_DATA_DIR", path.join(root, "data"));
  vi.stubEnv("ORRERY_PROVISIONED_DIR", path.join(root, "provisioned"));
  resetConfig();
  resetAuthContext();
  resetRepository();
  resetQueryLayer();
  const ctx = getAuthContext();
  for (const [who, role] of [["viewer", "viewer"], ["editor", "editor"], ["editor2", "editor"], ["admin", "admin"]] as const) {
    bearer[who] = `Bearer ${(await ctx.apiTokens.create({ name: who, role, createdBy: "tests" })).token}`;
  }
  const parsed = parseDashboard(DASHBOARD);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await getDashboardRepository().create(parsed.dashboard, { user: "tests" });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetConfig();
  resetAuthContext();
  resetRepository();
  resetQueryLayer();
  await upstream.close();
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  upstream.requests.length = 0;
});

async function mint(body: Record<string, unknown>, who: keyof typeof bearer = "editor") {
  const res = await tokensRoute.POST(
    new Request(`${APP}/api/embed-tokens`, { method: "POST", headers: { authorization: bearer[who], "content-type": "application/json" }, body: JSON.stringify(body) }),
    undefined as never,
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { token: string; id: string; iframe: string; error?: { code: string; message: string } } };
}

async function query(uid: string, panel: string, search: string, headers: Record<string, string>) {
  const res = await queryRoute.GET(new Request(`${APP}/api/d-solo/${uid}/panels/${panel}/query?${search}`, { headers }), { params: Promise.resolve({ uid, panelId: panel }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

const sentQueries = () => upstream.requests.map((r) => new URL(r.url, "http://x").searchParams.get("query"));

const relativeToken = { uid: "emb", panels: [2], variables: { job: ["node", "api"] }, time: { mode: "relative", maxSpan: "6h" }, ttl: "1d" };

describe("POST/GET/DELETE /api/embed-tokens", () => {
  it("an editor mints a token pinned to the saved version, with an escaped iframe snippet; the token is never listed", async () => {
    const { status, body } = await mint({ ...relativeToken, theme: "dark" });
    expect(status).toBe(201);
    expect(body.version).toBe(1);
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const src = /^<iframe src="([^"]+)"/.exec(body.iframe)![1]!;
    expect(src).not.toMatch(/&(?!#38;)/); // every & of the URL escaped in the attribute
    const url = new URL(src.replaceAll("&#38;", "&"));
    expect(url.origin + url.pathname).toBe(`${APP}/d-solo/emb/embed-me`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ panelId: "2", from: "now-6h", to: "now", "var-job": "node", theme: "dark", token: body.token });
    expect(body.iframe).toContain('title="Embed me"');
    const list = await tokensRoute.GET(new Request(`${APP}/api/embed-tokens?uid=emb`, { headers: { authorization: bearer.editor } }), undefined as never);
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).toContain(body.id);
    expect(text).not.toContain(body.token);
  });

  it("escapes a dashboard title with markup in the snippet", async () => {
    const { snippetTitle } = { snippetTitle: (await import("@/lib/embed/snippet")).embedIframe({ src: 'x" onload="alert(1)', width: 1, height: 1, title: '<script>"' }) };
    expect(snippetTitle).not.toContain("<script>");
    expect(snippetTitle).not.toContain('" onload');
  });

  it.each([
    [{ ...relativeToken, panels: [99] }, /no panel 99/],
    [{ ...relativeToken, variables: { nope: ["x"] } }, /no variable "nope"/],
    [{ ...relativeToken, ttl: "90d" }, /lifetime must be 60 to 2592000 seconds/],
    [{ ...relativeToken, time: { mode: "relative", maxSpan: "soon" } }, /time\.maxSpan/],
    [{ ...relativeToken, time: { mode: "fixed", fromMs: 10, toMs: 5 } }, /fromMs must be before/],
    [{ ...relativeToken, uid: "../etc" }, /uid/],
  ])("refuses a bad mint body with 400 naming the problem (%#)", async (body, message) => {
    const res = await mint(body);
    expect(res.status).toBe(400);
    expect(res.body.error!.message).toMatch(message);
  });

  it("viewers may not mint (403); editors list their own tokens, admins all; only owner or admin revokes", async () => {
    expect((await mint(relativeToken, "viewer")).status).toBe(403);
    const mine = await mint(relativeToken, "editor2");
    const listOf = async (who: keyof typeof bearer) =>
      ((await (await tokensRoute.GET(new Request(`${APP}/api/embed-tokens`, { headers: { authorization: bearer[who] } }), undefined as never)).json()) as { tokens: { id: string; createdBy: string }[] }).tokens;
    expect((await listOf("editor")).map((t) => t.id)).not.toContain(mine.body.id);
    expect((await listOf("editor2")).every((t) => t.createdBy === "token:editor2")).toBe(true);
    expect((await listOf("admin")).map((t) => t.id)).toContain(mine.body.id);
    const del = (who: keyof typeof bearer, id: string) =>
      tokenRoute.DELETE(new Request(`${APP}/api/embed-tokens/${id}`, { method: "DELETE", headers: { authorization: bearer[who] } }), { params: Promise.resolve({ id }) });
    expect((await del("editor", mine.body.id)).status).toBe(403);
    expect((await query("emb", "2", "", { [EMBED_TOKEN_HEADER]: mine.body.token })).status).toBe(200);
    expect((await del("admin", mine.body.id)).status).toBe(200);
    expect((await del("admin", "00000000-0000-0000-0000-000000000000")).status).toBe(404);
    // Revoked at once: the next request is 401 and nothing goes upstream.
    upstream.requests.length = 0;
    const after = await query("emb", "2", "", { [EMBED_TOKEN_HEADER]: mine.body.token });
    expect(after.status).toBe(401);
    expect(after.body.error!.code).toBe("embed_token_revoked");
    expect(upstream.requests).toEqual([]);
  });
});

describe("GET /api/d-solo/<uid>/panels/<id>/query with an embed token", () => {
  it("runs exactly the stored query with the token's default, and accepts another allowed value", async () => {
    const { body } = await mint(relativeToken);
    const first = await query("emb", "2", "from=now-1h&to=now&width=600", { [EMBED_TOKEN_HEADER]: body.token });
    expect(first.status).toBe(200);
    const parsed = soloPanelResponseSchema.parse(first.body);
    expect(parsed.title).toBe("Up of node");
    expect(parsed.variables.job).toEqual(["node"]);
    expect(sentQueries()).toEqual(['up{job="node",env="prod"}']);
    // The embed sees the panel but not its PromQL.
    expect(JSON.stringify(parsed.panel)).not.toContain("up{");
    expect(parsed.targets[0]).toMatchObject({ refId: "A", data: { resultType: "matrix" } });
    upstream.requests.length = 0;
    expect((await query("emb", "2", "var-job=api", { [EMBED_TOKEN_HEADER]: body.token })).status).toBe(200);
    expect(sentQueries()).toEqual(['up{job="api",env="prod"}']);
  });

  it.each([
    ["var-job=secret", /job="secret"/],
    ["var-env=staging", /variable "env"/],
    ["var-job=node&var-job=secret", /job="secret"/],
  ])("refuses %s with 403 naming the variable, and sends nothing upstream", async (search, message) => {
    const { body } = await mint(relativeToken);
    const res = await query("emb", "2", search, { [EMBED_TOKEN_HEADER]: body.token });
    expect(res.status).toBe(403);
    expect(res.body.error!.message).toMatch(message);
    expect(upstream.requests).toEqual([]);
  });

  it.each(["query=up", "expr=up", "match[]=up", "QUERY=secret_metric", "step=1"])("refuses a request carrying %s (400) and sends nothing upstream", async (search) => {
    const { body } = await mint(relativeToken);
    const res = await query("emb", "2", `from=now-1h&${search}`, { [EMBED_TOKEN_HEADER]: body.token });
    expect(res.status).toBe(400);
    expect(upstream.requests).toEqual([]);
  });

  it("clamps a relative range to maxSpan and the step to the panel's min step and 11,000 points", async () => {
    const { body } = await mint(relativeToken);
    const res = await query("emb", "2", "from=now-30d&to=now&width=4000", { [EMBED_TOKEN_HEADER]: body.token });
    expect(res.status).toBe(200);
    const parsed = soloPanelResponseSchema.parse(res.body);
    expect(parsed.range.endMs - parsed.range.startMs).toBeLessThanOrEqual(6 * 3_600_000);
    const sent = new URL(upstream.requests[0]!.url, "http://x").searchParams;
    const spanS = Number(sent.get("end")) - Number(sent.get("start"));
    expect(spanS).toBeLessThanOrEqual(6 * 3600 + 60);
    // 6 h over 4000 px would be a 5.4 s step; the panel's min step is 1m.
    expect(Number(sent.get("step"))).toBeGreaterThanOrEqual(60);
    expect(spanS / Number(sent.get("step"))).toBeLessThanOrEqual(11_000);
  });

  it("refuses a bad time or time zone with 400 and sends nothing upstream", async () => {
    const { body } = await mint(relativeToken);
    for (const search of ["from=yesterday", "timezone=Mars/Olympus", "width=-3", "var-1x=a"]) {
      const res = await query("emb", "2", search, { [EMBED_TOKEN_HEADER]: body.token });
      expect(res.status, search).toBe(400);
    }
    expect(upstream.requests).toEqual([]);
  });

  it("a fixed token always queries exactly its range, whatever the URL asks", async () => {
    const fromMs = NOW - 3 * 3_600_000;
    const toMs = NOW - 2 * 3_600_000;
    const { body } = await mint({ ...relativeToken, time: { mode: "fixed", fromMs, toMs } });
    const res = await query("emb", "2", "from=now-30d&to=now", { [EMBED_TOKEN_HEADER]: body.token });
    const parsed = soloPanelResponseSchema.parse(res.body);
    expect(parsed.range).toEqual({ startMs: fromMs, endMs: toMs });
    const sent = new URL(upstream.requests[0]!.url, "http://x").searchParams;
    expect(Number(sent.get("start")) * 1000).toBeGreaterThanOrEqual(fromMs - 60_000);
    expect(Number(sent.get("end")) * 1000).toBeLessThanOrEqual(toMs);
  });

  it("a token for panel 2 used for panel 3, another dashboard, a tampered and an expired token: 401/403, nothing upstream", async () => {
    const { body } = await mint(relativeToken);
    const wrongPanel = await query("emb", "3", "", { [EMBED_TOKEN_HEADER]: body.token });
    expect([wrongPanel.status, wrongPanel.body.error!.code]).toEqual([403, "embed_token_wrong_panel"]);
    const [h, p, s] = body.token.split(".");
    const tampered = await query("emb", "2", "", { [EMBED_TOKEN_HEADER]: `${h}.${p}.${s!.slice(0, -4)}AAAA` });
    expect([tampered.status, tampered.body.error!.code]).toEqual([401, "embed_token_tampered"]);
    // A token that widens its own claims (panels: [3]) with the old signature is tampered too.
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, panels: [2, 3] })).toString("base64url")}.${s}`;
    expect((await query("emb", "3", "", { [EMBED_TOKEN_HEADER]: forged })).status).toBe(401);
    // Expired: signed with the real key, recorded, but past exp.
    const ctx = getAuthContext();
    const jti = "11111111-1111-1111-1111-111111111111";
    await ctx.embedTokens.add({ jti, uid: "emb", panels: [2], ver: 1, createdBy: "ed", createdAtMs: NOW - 7200_000, expiresAtMs: NOW - 3600_000 });
    const expired = await new SignJWT({ uid: "emb", panels: [2], ver: 1, vars: {}, time: { mode: "relative", maxSpanSeconds: 3600 } })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("orrery")
      .setAudience("orrery-embed")
      .setJti(jti)
      .setIssuedAt(Math.floor((NOW - 7200_000) / 1000))
      .setExpirationTime(Math.floor((NOW - 3600_000) / 1000))
      .sign(embedSigningKey(SECRET));
    const exp = await query("emb", "2", "", { [EMBED_TOKEN_HEADER]: expired });
    expect([exp.status, exp.body.error!.code]).toEqual([401, "embed_token_expired"]);
    const none = await query("emb", "2", "", {});
    expect(none.status).toBe(401);
    expect(upstream.requests).toEqual([]);
  });

  it("keeps running the version it was minted for after the dashboard changes", async () => {
    const { body } = await mint(relativeToken);
    const repo = getDashboardRepository();
    const current = await repo.get("emb");
    const changed = structuredClone(current.dashboard);
    (changed.panels[0] as { targets: { expr: string }[] }).targets[0]!.expr = "edited_after_mint";
    await repo.update("emb", changed, current.meta.version, { user: "tests" });
    const res = await query("emb", "2", "", { [EMBED_TOKEN_HEADER]: body.token });
    expect(res.status).toBe(200);
    expect(sentQueries()).toEqual(['up{job="node",env="prod"}']);
    // A session user (here an API token) sees the current version.
    upstream.requests.length = 0;
    expect((await query("emb", "2", "", { authorization: bearer.viewer })).status).toBe(200);
    expect(sentQueries()).toEqual(["edited_after_mint"]);
  });
});
