import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getAuthContext, resetAuthContext } from "@/lib/auth/context";
import { mintEmbedToken } from "@/lib/auth/embed-tokens";
import { hashPassword } from "@/lib/auth/passwords";
import { EMBED_TOKEN_HEADER } from "@/lib/auth/session";
import { ensureAdminUser } from "@/lib/auth/users";
import { resetConfig } from "@/lib/config";
import { resetRepository } from "@/lib/dashboards/repository";
import { ADMIN_PASSWORD, APP, SECRET, signInWithPassword, SPOOFED } from "./setup";

// The authorization matrix of the real route handlers: every app/**/route.ts (found on disk, so a new
// route without an entry below fails) × every exported method × who is asking, with and without the
// headers that once let clients skip Next middleware (CVE-2025-29927). Each handler must decide itself.

const REPO = path.resolve(__dirname, "../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
type Need = "viewer" | "editor" | "admin";

interface RouteEntry {
  /** The request path, with the params below filled in. */
  url: string;
  params: Record<string, string | string[]>;
  /** Per exported method: the action the handler must ask for and the weakest role holding it. */
  methods: Partial<Record<Method, Rule>>;
  /** Routes that do not call authorize, with the reason (checked: they must be exactly these). */
  excluded?: string;
}

interface Rule {
  action: string;
  need: Need;
  /** An embed token for the dashboard and panel in `params` is enough. */
  embed?: boolean;
}

const read = (action: string) => ({ action, need: "viewer" as const });
const mint = { action: "embed:mint", need: "editor" as const };
const write = { action: "dashboards:write", need: "editor" as const };
const admin = (action: string) => ({ action, need: "admin" as const });
const doc = (uid: string, title = uid) => ({ schemaVersion: 1, uid, title, panels: [] });

// Hand-written on purpose: it is the contract, not a copy of lib/auth/policy.ts.
const ROUTES: Record<string, RouteEntry> = {
  "app/api/auth/[...nextauth]/route.ts": { url: "/api/auth/session", params: { nextauth: ["session"] }, methods: {}, excluded: "next-auth's own sign-in routes (it checks its own CSRF token)" },
  "app/api/dashboards/route.ts": { url: "/api/dashboards", params: {}, methods: { GET: read("dashboards:read"), POST: write } },
  "app/api/dashboards/[uid]/route.ts": { url: "/api/dashboards/matrix", params: { uid: "matrix" }, methods: { GET: read("dashboards:read"), PUT: write, DELETE: write } },
  "app/api/dashboards/[uid]/restore/route.ts": { url: "/api/dashboards/matrix/restore", params: { uid: "matrix" }, methods: { POST: write } },
  "app/api/dashboards/[uid]/export/route.ts": { url: "/api/dashboards/matrix/export?format=grafana", params: { uid: "matrix" }, methods: { GET: read("dashboards:read") } },
  "app/api/dashboards/import/route.ts": { url: "/api/dashboards/import", params: {}, methods: { GET: write, POST: write } },
  "app/api/dashboards/[uid]/versions/route.ts": { url: "/api/dashboards/matrix/versions", params: { uid: "matrix" }, methods: { GET: read("dashboards:read") } },
  "app/api/dashboards/[uid]/versions/[version]/route.ts": { url: "/api/dashboards/matrix/versions/1", params: { uid: "matrix", version: "1" }, methods: { GET: read("dashboards:read") } },
  "app/api/dashboards/schema/route.ts": { url: "/api/dashboards/schema", params: {}, methods: { GET: read("dashboards:read") } },
  "app/api/d-solo/[uid]/panels/[panelId]/query/route.ts": { url: "/api/d-solo/matrix/panels/1/query", params: { uid: "matrix", panelId: "1" }, methods: { GET: { ...read("panel:embed"), embed: true } } },
  "app/api/datasources/route.ts": { url: "/api/datasources", params: {}, methods: { GET: read("datasources:read") } },
  "app/api/ds/[ds]/api/v1/[...path]/route.ts": {
    url: "/api/ds/closed/api/v1/query",
    params: { ds: "closed", path: ["query"] },
    methods: { GET: read("query:run"), POST: read("query:run"), PUT: read("query:run"), DELETE: read("query:run"), PATCH: read("query:run") },
  },
  "app/api/queries/route.ts": { url: "/api/queries", params: {}, methods: { POST: read("query:run") } },
  "app/api/embed-tokens/route.ts": { url: "/api/embed-tokens", params: {}, methods: { GET: mint, POST: mint } },
  "app/api/embed-tokens/[id]/route.ts": { url: "/api/embed-tokens/00000000-0000-0000-0000-000000000000", params: { id: "00000000-0000-0000-0000-000000000000" }, methods: { DELETE: mint } },
  "app/api/health/route.ts": { url: "/api/health", params: {}, methods: {}, excluded: "liveness for kubelet probes and load balancers: no credentials, answers only ok/degraded/off (no URLs, ids or secrets)" },
  "app/api/metrics/route.ts": { url: "/api/metrics", params: {}, methods: { GET: { action: "metrics:read", need: "admin" } } },
  "app/api/ready/route.ts": { url: "/api/ready", params: {}, methods: {}, excluded: "readiness for kubelet probes: no credentials, store/Redis/datasource states by id only (no URLs, error texts or secrets)" },
  "app/api/knative/revisions/route.ts": { url: "/api/knative/revisions", params: {}, methods: { GET: read("topology:read") } },
  "app/api/settings/route.ts": { url: "/api/settings", params: {}, methods: { GET: read("dashboards:read") } },
  "app/api/topology/route.ts": { url: "/api/topology?ds=closed", params: {}, methods: { GET: read("topology:read") } },
  "app/api/short-links/route.ts": { url: "/api/short-links", params: {}, methods: { POST: read("links:create") } },
  "app/api/admin/tokens/route.ts": { url: "/api/admin/tokens", params: {}, methods: { GET: admin("tokens:admin"), POST: admin("tokens:admin") } },
  "app/api/admin/tokens/[id]/route.ts": { url: "/api/admin/tokens/0000000000000000", params: { id: "0000000000000000" }, methods: { DELETE: admin("tokens:admin") } },
  "app/api/admin/users/route.ts": { url: "/api/admin/users", params: {}, methods: { GET: admin("users:admin"), POST: admin("users:admin") } },
  "app/api/admin/users/[username]/route.ts": { url: "/api/admin/users/nobody", params: { username: "nobody" }, methods: { PATCH: admin("users:admin"), DELETE: admin("users:admin") } },
  "app/s/[id]/route.ts": { url: "/s/AAAAAAAAAAAA", params: { id: "AAAAAAAAAAAA" }, methods: { GET: read("dashboards:read") } },
};

// Actions that change state: anonymous visitors never get them, whatever their configured role.
const MUTATING_ACTIONS = new Set(["dashboards:write", "embed:mint", "links:create", "tokens:admin", "users:admin"]);

type RouteModule = Partial<Record<Method, (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>>>;
const MODULES = import.meta.glob<RouteModule>("/app/**/route.ts");

async function routeFilesOnDisk(dir = path.join(REPO, "app")): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name === "route.ts")
    .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

type Who = "anonymous" | "viewer" | "editor" | "admin" | "viewer-token" | "editor-token" | "admin-token" | "embed";
const WHO: Who[] = ["anonymous", "viewer", "editor", "admin", "viewer-token", "editor-token", "admin-token", "embed"];
const RANK: Record<Need, number> = { viewer: 0, editor: 1, admin: 2 };
const ROLE_OF: Partial<Record<Who, Need>> = { viewer: "viewer", editor: "editor", admin: "admin", "viewer-token": "viewer", "editor-token": "editor", "admin-token": "admin" };

/** What must happen: "ok" (the handler ran), 401 (no usable credentials) or 403 (role too weak). */
function expected(who: Who, rule: Rule): "ok" | 401 | 403 {
  if (who === "embed" && rule.embed) return "ok"; // its token covers dashboard "matrix", panel 1
  const role = ROLE_OF[who];
  const need = rule.need;
  if (!role) return 401; // anonymous (off) and embed tokens on routes that do not render their panel
  return RANK[role] >= RANK[need] ? "ok" : 403;
}

let root: string;
let dataDir: string;
let configFile: string;
let config: { datasources: unknown[]; auth: Record<string, unknown> };
const creds: Record<Who, Record<string, string>> = Object.fromEntries(WHO.map((w) => [w, {}])) as Record<Who, Record<string, string>>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "orrery-route-matrix-"));
  dataDir = path.join(root, "data");
  await mkdir(path.join(root, "provisioned"));
  const users = [
    { username: "vic", passwordHash: await hashPassword("vic-pass"), role: "viewer" },
    { username: "ed", passwordHash: await hashPassword("ed-pass"), role: "editor" },
  ];
  configFile = path.join(root, "orrery.config.json");
  // `closed`: nothing listens on port 9, so the handlers that run answer fast (502s and topology errors).
  config = { datasources: [{ id: "closed", type: "prometheus", url: "http://127.0.0.1:9", timeout: "2s" }], auth: { secret: SECRET, url: APP, users } };
  await writeFile(configFile, JSON.stringify(config));
  vi.stubEnv("ORRERY_CONFIG", configFile);
  vi.stubEnv("ORRERY_DATA_DIR", dataDir);
  vi.stubEnv("ORRERY_PROVISIONED_DIR", path.join(root, "provisioned"));
  vi.stubEnv("NEXTAUTH_URL", APP);
  resetConfig();
  resetAuthContext();
  resetRepository();
  const ctx = getAuthContext();
  await ensureAdminUser(ctx.settings.dir, { ORRERY_ADMIN_PASSWORD: ADMIN_PASSWORD });
  for (const [who, user, pw] of [["viewer", "vic", "vic-pass"], ["editor", "ed", "ed-pass"], ["admin", "admin", ADMIN_PASSWORD]] as const) {
    const { driver } = await signInWithPassword(ctx, user, pw);
    creds[who] = { cookie: driver.jar.header() };
    expect(creds[who].cookie).toContain("next-auth.session-token=");
  }
  for (const role of ["viewer", "editor", "admin"] as const) {
    const { token } = await ctx.apiTokens.create({ name: `matrix-${role}`, role, createdBy: "admin" });
    creds[`${role}-token`] = { authorization: `Bearer ${token}` };
  }
  const embed = await mintEmbedToken(
    { uid: "matrix", panels: [1], ver: 1, vars: {}, time: { mode: "relative", maxSpanSeconds: 3600 } },
    { secret: SECRET, store: ctx.embedTokens, createdBy: "ed", ttlSeconds: 3600, maxTtlSeconds: 86_400 },
  );
  creds.embed = { [EMBED_TOKEN_HEADER]: embed.token };
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetConfig();
  resetAuthContext();
  resetRepository();
  await rm(root, { recursive: true, force: true });
});

/** A request as a same-origin browser page (or a script with a token) would send it. */
function request(url: string, method: Method, who: Who, extra: Record<string, string>): Request {
  const headers: Record<string, string> = { ...creds[who], ...extra };
  let body: string | undefined;
  if (!["GET", "HEAD", "OPTIONS"].includes(method)) {
    Object.assign(headers, { origin: APP, "sec-fetch-site": "same-origin" });
    if (url.startsWith("/api/ds/")) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = "query=up";
    } else {
      headers["content-type"] = "application/json";
      body = JSON.stringify(url.endsWith("/restore") ? { version: 1 } : method === "PUT" ? { dashboard: doc("matrix"), version: 1 } : { dashboard: doc("matrix") });
    }
  }
  return new Request(`${APP}${url}`, { method, headers, ...(body !== undefined ? { body } : {}) });
}

/** Status and the error code (JSON API body or the proxy's Prometheus envelope), plus the action named. */
async function call(file: string, method: Method, who: Who, extra: Record<string, string>) {
  const entry = ROUTES[file]!;
  const handler = (await MODULES[`/${file}`]!())[method]!;
  const res = await handler(request(entry.url, method, who, extra), { params: Promise.resolve(entry.params) });
  const text = await res.text();
  let json: { error?: { code?: string; action?: string }; errorType?: string; error_?: never } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: fine for handlers that ran
  }
  const code = typeof json.error === "object" ? json.error?.code : json.errorType;
  const action = typeof json.error === "object" ? json.error?.action : undefined;
  return { status: res.status, code, action };
}

describe("route authorization matrix", () => {
  it("has an entry for every app/**/route.ts on disk, and every exported method is covered", async () => {
    const onDisk = await routeFilesOnDisk();
    expect(onDisk).toEqual(Object.keys(ROUTES).sort());
    expect(Object.keys(MODULES).map((k) => k.slice(1)).sort()).toEqual(onDisk);
    const uncovered: string[] = [];
    for (const file of onDisk) {
      const mod = await MODULES[`/${file}`]!();
      const exported = METHODS.filter((m) => typeof mod[m] === "function");
      const entry = ROUTES[file]!;
      if (entry.excluded) continue;
      for (const m of exported) if (!entry.methods[m]) uncovered.push(`${file} ${m}`);
      for (const m of Object.keys(entry.methods)) if (!exported.includes(m as Method)) uncovered.push(`${file} ${m} is in the table but not exported`);
    }
    expect(uncovered).toEqual([]);
  });

  it("every handler except next-auth's calls authorize: its source says so", async () => {
    const missing: string[] = [];
    for (const [file, entry] of Object.entries(ROUTES)) {
      const src = await readFile(path.join(REPO, file), "utf8");
      if (!entry.excluded && !/\bauthorize\(req, "[a-z]+:[a-z]+"/.test(src)) missing.push(file);
    }
    expect(missing).toEqual([]);
  });

  for (const spoofed of [false, true]) {
    it(`every route × method × principal${spoofed ? " with spoofed middleware headers" : ""}: 0 mismatches`, { timeout: 120_000 }, async () => {
      const mismatches: string[] = [];
      let cases = 0;
      for (const [file, entry] of Object.entries(ROUTES)) {
        for (const [method, rule] of Object.entries(entry.methods) as [Method, Rule][]) {
          for (const who of WHO) {
            cases++;
            const want = expected(who, rule);
            const got = await call(file, method, who, spoofed ? SPOOFED : {});
            const label = `${method} ${entry.url} as ${who}`;
            if (want === "ok") {
              if (got.status === 401 || got.status === 403 || got.code === "csrf") mismatches.push(`${label}: expected the handler to run, got ${got.status} ${got.code}`);
            } else if (got.status !== want) {
              mismatches.push(`${label}: expected ${want}, got ${got.status} ${got.code ?? ""}`);
            } else if (got.code !== (want === 401 ? "unauthorized" : "forbidden")) {
              mismatches.push(`${label}: expected code ${want === 401 ? "unauthorized" : "forbidden"}, got ${got.code}`);
            } else if (got.action !== undefined && got.action !== rule.action) {
              mismatches.push(`${label}: asked for ${got.action}, the table says ${rule.action}`);
            }
          }
        }
      }
      expect(cases).toBeGreaterThan(100);
      expect(mismatches).toEqual([]);
    });
  }

  it("each protected JSON route names the action it needs in its 401", async () => {
    const wrong: string[] = [];
    for (const [file, entry] of Object.entries(ROUTES)) {
      for (const [method, rule] of Object.entries(entry.methods) as [Method, { action: string }][]) {
        if (file.includes("/ds/")) continue; // the proxy answers in Prometheus's envelope, which has no action field
        const got = await call(file, method, "anonymous", {});
        if (got.action !== rule.action) wrong.push(`${method} ${entry.url}: ${got.action} instead of ${rule.action}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("with anonymous access on (even with the editor role), anonymous visitors read but every mutation is 401", async () => {
    await writeFile(configFile, JSON.stringify({ ...config, auth: { ...config.auth, anonymous: { enabled: true, role: "editor" } } }));
    resetConfig();
    resetAuthContext();
    try {
      const mismatches: string[] = [];
      for (const [file, entry] of Object.entries(ROUTES)) {
        for (const [method, rule] of Object.entries(entry.methods) as [Method, { action: string; need: Need }][]) {
          const got = await call(file, method, "anonymous", SPOOFED);
          // Mutations are never anonymous; admin-only reads (metrics) stay above an anonymous editor.
          const mutates = MUTATING_ACTIONS.has(rule.action) || rule.need === "admin";
          if (mutates ? got.status !== 401 : got.status === 401 || got.status === 403) mismatches.push(`${method} ${entry.url}: ${got.status} ${got.code}`);
        }
      }
      expect(mismatches).toEqual([]);
    } finally {
      await writeFile(configFile, JSON.stringify(config));
      resetConfig();
      resetAuthContext();
    }
  });

  it("a viewer's save is refused with 403 and the dashboard file is unchanged", async () => {
    const file = "app/api/dashboards/[uid]/route.ts";
    const created = await call("app/api/dashboards/route.ts", "POST", "editor", {});
    expect([201, 409]).toContain(created.status);
    const current = path.join(dataDir, "matrix", "current.json");
    const before = await readFile(current);
    const mod = await MODULES[`/${file}`]!();
    const doSave = (who: Who) =>
      mod.PUT!(
        new Request(`${APP}/api/dashboards/matrix`, {
          method: "PUT",
          headers: { ...creds[who], origin: APP, "sec-fetch-site": "same-origin", "content-type": "application/json" },
          body: JSON.stringify({ dashboard: doc("matrix", "viewer was here"), version: JSON.parse(before.toString()).meta.version }),
        }),
        { params: Promise.resolve({ uid: "matrix" }) },
      );
    for (const who of ["viewer", "viewer-token"] as const) {
      const res = await doSave(who);
      expect(res.status, who).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: "forbidden", action: "dashboards:write", requiredRole: "editor" });
      expect((await readFile(current)).equals(before), who).toBe(true);
    }
    // The same request from an editor goes through, so the 403 was about the role.
    const ok = await doSave("editor");
    expect(ok.status).toBe(200);
    expect((await ok.json()).meta.updatedBy).toBe("ed");
  });

  it("the import route takes a cookie-authenticated multipart upload from our origin only (CSRF), and no other body type", async () => {
    const mod = await MODULES["/app/api/dashboards/import/route.ts"]!();
    const upload = (headers: Record<string, string>, body: BodyInit = formWith(JSON.stringify(doc("matrix-import")))) =>
      mod.POST!(new Request(`${APP}/api/dashboards/import`, { method: "POST", headers: { ...creds.editor, ...headers }, body }), { params: Promise.resolve({}) });
    const formWith = (text: string) => {
      const form = new FormData();
      form.append("file", new Blob([text]), "d.json");
      return form;
    };
    const ok = await upload({ origin: APP, "sec-fetch-site": "same-origin" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).dashboard.uid).toBe("matrix-import");
    const cross = await upload({ origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(cross.status).toBe(403);
    expect((await cross.json()).error.code).toBe("csrf");
    expect((await upload({})).status).toBe(403);
    const plain = await upload({ origin: APP, "content-type": "text/plain" }, JSON.stringify({ dashboard: doc("x") }));
    expect(plain.status).toBe(415);
    const viewer = await mod.POST!(
      new Request(`${APP}/api/dashboards/import`, { method: "POST", headers: { ...creds.viewer, origin: APP }, body: formWith("{}") }),
      { params: Promise.resolve({}) },
    );
    expect(viewer.status).toBe(403);
  });

  it("a cookie-authenticated save from another origin is refused (CSRF) and changes nothing", async () => {
    const current = path.join(dataDir, "matrix", "current.json");
    const before = await readFile(current);
    const mod = await MODULES["/app/api/dashboards/[uid]/route.ts"]!();
    const res = await mod.DELETE!(
      new Request(`${APP}/api/dashboards/matrix`, { method: "DELETE", headers: { ...creds.admin, origin: "https://evil.example", "sec-fetch-site": "cross-site" } }),
      { params: Promise.resolve({ uid: "matrix" }) },
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("csrf");
    expect((await readFile(current)).equals(before)).toBe(true);
  });
});
