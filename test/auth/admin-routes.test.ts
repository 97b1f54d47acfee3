import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getAuthContext, resetAuthContext } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/passwords";
import { ensureAdminUser, verifyCredentials } from "@/lib/auth/users";
import { resetConfig } from "@/lib/config";
import { resetRepository } from "@/lib/dashboards/repository";
import * as tokens from "@/app/api/admin/tokens/route";
import * as tokenById from "@/app/api/admin/tokens/[id]/route";
import * as users from "@/app/api/admin/users/route";
import * as userByName from "@/app/api/admin/users/[username]/route";
import * as dashboards from "@/app/api/dashboards/route";
import { ADMIN_PASSWORD, APP, SECRET, signInWithPassword } from "./setup";

// The admin API against the real handlers and the real file stores: tokens shown once and stored
// hashed, revocation effective on the next request, users never returning hashes, the last admin kept.

let root: string;
let adminCookie: string;
const SAME_ORIGIN = { origin: APP, "sec-fetch-site": "same-origin" };

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "orrery-admin-routes-"));
  const configFile = path.join(root, "orrery.config.json");
  const configured = [{ username: "vic", passwordHash: await hashPassword("vic-pass"), role: "viewer" }];
  await writeFile(configFile, JSON.stringify({ datasources: [{ id: "p", type: "prometheus", url: "http://127.0.0.1:9" }], auth: { secret: SECRET, url: APP, users: configured } }));
  vi.stubEnv("ORRERY_CONFIG", configFile);
  vi.stubEnv("ORRERY_DATA_DIR", path.join(root, "data"));
  vi.stubEnv("ORRERY_PROVISIONED_DIR", path.join(root, "none"));
  vi.stubEnv("NEXTAUTH_URL", APP);
  resetConfig();
  resetAuthContext();
  resetRepository();
  await ensureAdminUser(getAuthContext().settings.dir, { ORRERY_ADMIN_PASSWORD: ADMIN_PASSWORD });
  adminCookie = (await signInWithPassword(getAuthContext(), "admin", ADMIN_PASSWORD)).driver.jar.header();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetConfig();
  resetAuthContext();
  resetRepository();
  await rm(root, { recursive: true, force: true });
});

type Handler = (req: Request, ctx: never) => Promise<Response>;

async function call(handler: Handler, method: string, url: string, opts: { body?: unknown; headers?: Record<string, string>; params?: Record<string, string>; rawBody?: string } = {}) {
  const headers: Record<string, string> = { cookie: adminCookie, ...SAME_ORIGIN, ...opts.headers };
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const res = await handler(new Request(`${APP}${url}`, { method, headers, ...(body !== undefined ? { body } : {}) }), { params: Promise.resolve(opts.params ?? {}) } as never);
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
}

describe("admin: API tokens", () => {
  it("creates a token shown once, lists it without secrets, and revocation stops it on the next request", async () => {
    const created = await call(tokens.POST, "POST", "/api/admin/tokens", { body: { name: "ci deploy", role: "editor" } });
    expect(created.status).toBe(201);
    const { token, info } = created.json;
    expect(token).toMatch(/^orr_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ name: "ci deploy", role: "editor", createdBy: "admin" });
    // Stored hashed only.
    const file = await readFile(path.join(root, "data", ".auth", "api-tokens.json"), "utf8");
    expect(file).not.toContain(token);

    const list = await call(tokens.GET, "GET", "/api/admin/tokens");
    expect(list.status).toBe(200);
    expect(list.json.tokens.map((t: { name: string }) => t.name)).toContain("ci deploy");
    expect(list.text).not.toMatch(/sha256|orr_/);

    const withToken = () => dashboards.GET(new Request(`${APP}/api/dashboards`, { headers: { authorization: `Bearer ${token}` } }), undefined as never);
    expect((await withToken()).status).toBe(200);
    const revoked = await call(tokenById.DELETE, "DELETE", `/api/admin/tokens/${info.id}`, { params: { id: info.id } });
    expect(revoked.json).toEqual({ id: info.id, revoked: true });
    const after = await withToken();
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe("unauthorized");
    // Twice, or an unknown id: 404.
    expect((await call(tokenById.DELETE, "DELETE", `/api/admin/tokens/${info.id}`, { params: { id: info.id } })).status).toBe(404);
    expect((await call(tokenById.DELETE, "DELETE", "/api/admin/tokens/..%2f..", { params: { id: "../.." } })).status).toBe(404);
  });

  const bad: [string, unknown, RegExp][] = [
    ["no name", { role: "viewer" }, /name/],
    ["blank name", { name: "  ", role: "viewer" }, /name/],
    ["unknown role", { name: "x", role: "root" }, /role/],
    ["extra field", { name: "x", role: "viewer", token: "orr_mine" }, /token/],
    ["not an object", ["x"], /expected object/i],
  ];
  for (const [name, body, message] of bad) {
    it(`POST with ${name} is 400 naming the problem`, async () => {
      const res = await call(tokens.POST, "POST", "/api/admin/tokens", { body });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(message);
    });
  }

  it("a form post is 415, a cross-site one 403, and neither creates anything", async () => {
    const before = (await call(tokens.GET, "GET", "/api/admin/tokens")).json.tokens.length;
    expect((await call(tokens.POST, "POST", "/api/admin/tokens", { rawBody: "name=x&role=admin", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(415);
    const cross = await call(tokens.POST, "POST", "/api/admin/tokens", { body: { name: "x", role: "admin" }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(cross.status).toBe(403);
    expect((await call(tokens.GET, "GET", "/api/admin/tokens")).json.tokens.length).toBe(before);
  });
});

describe("admin: users", () => {
  it("lists config and stored users without hashes", async () => {
    const res = await call(users.GET, "GET", "/api/admin/users");
    expect(res.status).toBe(200);
    expect(res.json.users).toEqual([
      { username: "vic", role: "viewer", source: "config" },
      { username: "admin", role: "admin", source: "stored", createdAt: expect.any(String) },
    ]);
    expect(res.text).not.toMatch(/scrypt|passwordHash/);
  });

  it("creates a user who can sign in; changes the role and password; deletes them and their session stops", async () => {
    const created = await call(users.POST, "POST", "/api/admin/users", { body: { username: "sam", role: "viewer", password: "sam-password-1" } });
    expect(created.status).toBe(201);
    expect(created.text).not.toMatch(/scrypt|password/i);
    const dir = getAuthContext().settings.dir;
    expect(await verifyCredentials(dir, [], "sam", "sam-password-1")).toEqual({ username: "sam", role: "viewer" });
    expect((await call(users.POST, "POST", "/api/admin/users", { body: { username: "sam", role: "admin", password: "whatever-123" } })).status).toBe(409);
    expect((await call(users.POST, "POST", "/api/admin/users", { body: { username: "vic", role: "admin", password: "whatever-123" } })).status).toBe(409);

    const samCookie = (await signInWithPassword(getAuthContext(), "sam", "sam-password-1")).driver.jar.header();
    const asSam = () => dashboards.GET(new Request(`${APP}/api/dashboards`, { headers: { cookie: samCookie } }), undefined as never);
    expect((await asSam()).status).toBe(200);

    const patched = await call(userByName.PATCH, "PATCH", "/api/admin/users/sam", { params: { username: "sam" }, body: { role: "editor", password: "sam-password-2" } });
    expect(patched.json.user).toMatchObject({ username: "sam", role: "editor" });
    expect(await verifyCredentials(dir, [], "sam", "sam-password-1")).toBeNull();
    expect(await verifyCredentials(dir, [], "sam", "sam-password-2")).toEqual({ username: "sam", role: "editor" });

    expect((await call(userByName.DELETE, "DELETE", "/api/admin/users/sam", { params: { username: "sam" } })).status).toBe(200);
    expect((await asSam()).status).toBe(401);
    expect((await call(userByName.DELETE, "DELETE", "/api/admin/users/sam", { params: { username: "sam" } })).status).toBe(404);
  });

  const badCreate: [string, unknown, RegExp][] = [
    ["a short password", { username: "kim", role: "viewer", password: "short" }, /password.*8/],
    ["a bad username", { username: "kim smith", role: "viewer", password: "long-enough-1" }, /username/],
    ["a password hash field", { username: "kim", role: "viewer", password: "long-enough-1", passwordHash: "scrypt$1" }, /passwordHash/],
    ["no role", { username: "kim", password: "long-enough-1" }, /role/],
  ];
  for (const [name, body, message] of badCreate) {
    it(`POST with ${name} is 400 naming the problem`, async () => {
      const res = await call(users.POST, "POST", "/api/admin/users", { body });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(message);
    });
  }

  it("PATCH without changes is 400; config users are read-only (409)", async () => {
    expect((await call(userByName.PATCH, "PATCH", "/api/admin/users/admin", { params: { username: "admin" }, body: {} })).status).toBe(400);
    const ro = await call(userByName.PATCH, "PATCH", "/api/admin/users/vic", { params: { username: "vic" }, body: { role: "admin" } });
    expect(ro.status).toBe(409);
    expect(ro.json.error.code).toBe("read_only");
    expect((await call(userByName.DELETE, "DELETE", "/api/admin/users/vic", { params: { username: "vic" } })).json.error.code).toBe("read_only");
  });

  it("the last admin can be neither deleted nor demoted; with a second admin it can", async () => {
    const del = await call(userByName.DELETE, "DELETE", "/api/admin/users/admin", { params: { username: "admin" } });
    expect(del.status).toBe(409);
    expect(del.json.error).toMatchObject({ code: "last_admin", message: expect.stringMatching(/last admin/) });
    const demote = await call(userByName.PATCH, "PATCH", "/api/admin/users/admin", { params: { username: "admin" }, body: { role: "editor" } });
    expect(demote.status).toBe(409);
    expect((await call(users.GET, "GET", "/api/admin/users")).json.users.find((u: { username: string }) => u.username === "admin").role).toBe("admin");

    expect((await call(users.POST, "POST", "/api/admin/users", { body: { username: "root2", role: "admin", password: "root2-password" } })).status).toBe(201);
    const demoted = await call(userByName.PATCH, "PATCH", "/api/admin/users/admin", { params: { username: "admin" }, body: { role: "editor" } });
    expect(demoted.status).toBe(200);
    // The admin cookie now carries an editor: the admin API refuses it at once.
    expect((await call(users.GET, "GET", "/api/admin/users")).status).toBe(403);
  });
});
