import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiTokenStore } from "@/lib/auth/api-tokens";
import type { AuthContext } from "@/lib/auth/context";
import { mintEmbedToken } from "@/lib/auth/embed-tokens";
import { ACTIONS, type Action } from "@/lib/auth/policy";
import { authorize, EMBED_TOKEN_HEADER, type AuthorizeOptions } from "@/lib/auth/session";
import { hashPassword } from "@/lib/auth/passwords";
import { ApiError } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/route";
import { ADMIN_PASSWORD, APP, authFixture, SECRET, sessionCookie, signInWithPassword, type AuthFixture, SPOOFED } from "./setup";

let fx: AuthFixture;
const cookies: Record<"viewer" | "editor" | "admin", string> = { viewer: "", editor: "", admin: "" };
let editorToken: string;
let viewerToken: string;
let embedToken: string;
let revokedEmbedToken: string;

beforeAll(async () => {
  fx = await authFixture();
  for (const [role, [user, pw]] of Object.entries({ viewer: ["vic", "vic-pass"], editor: ["ed", "ed-pass"], admin: ["admin", ADMIN_PASSWORD] })) {
    const { driver } = await signInWithPassword(fx.ctx, user!, pw!);
    cookies[role as keyof typeof cookies] = driver.jar.header();
    expect(cookies[role as keyof typeof cookies]).toContain("next-auth.session-token=");
  }
  const tokens = new ApiTokenStore(fx.ctx.settings.dir);
  editorToken = (await tokens.create({ name: "ci", role: "editor", createdBy: "admin" })).token;
  viewerToken = (await tokens.create({ name: "grafana-import", role: "viewer", createdBy: "admin" })).token;
  const mint = () =>
    mintEmbedToken(
      { uid: "node", panels: [2], ver: 1, vars: {}, time: { mode: "relative", maxSpanSeconds: 3600 } },
      { secret: SECRET, store: fx.ctx.embedTokens, createdBy: "ed", ttlSeconds: 3600, maxTtlSeconds: 86_400 },
    );
  embedToken = (await mint()).token;
  const revoked = await mint();
  revokedEmbedToken = revoked.token;
  await fx.ctx.embedTokens.revoke(revoked.record.jti, "admin");
});
afterAll(() => fx.cleanup());

type Who = "anonymous" | "viewer" | "editor" | "admin" | "viewerToken" | "editorToken" | "embed";

function request(who: Who, method: string, extra: Record<string, string> = {}): Request {
  const headers: Record<string, string> = { ...extra };
  if (who === "viewer" || who === "editor" || who === "admin") headers.cookie = cookies[who];
  if (who === "viewerToken") headers.authorization = `Bearer ${viewerToken}`;
  if (who === "editorToken") headers.authorization = `Bearer ${editorToken}`;
  if (who === "embed") headers[EMBED_TOKEN_HEADER] = embedToken;
  const mutation = method !== "GET" && method !== "HEAD";
  if (mutation && !("origin" in headers)) Object.assign(headers, { origin: APP, "sec-fetch-site": "same-origin", "content-type": "application/json" });
  return new Request(`${APP}/api/dashboards/node`, { method, headers, ...(mutation ? { body: "{}" } : {}) });
}

async function outcome(req: Request, action: Action, opts: AuthorizeOptions = {}, ctx: AuthContext = fx.ctx): Promise<number | string> {
  try {
    const p = await authorize(req, action, { context: ctx, ...opts });
    return p.kind === "embed" ? "embed" : `${p.kind}:${p.role}`;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}

// Expected outcome per action: [anonymous, viewer, editor, admin, viewerToken, editorToken, embed(with panel 2 target)].
const WHO: Who[] = ["anonymous", "viewer", "editor", "admin", "viewerToken", "editorToken", "embed"];
const OK = (who: Who) => (who === "embed" ? "embed" : who === "viewerToken" ? "api-token:viewer" : who === "editorToken" ? "api-token:editor" : `user:${who}`);
const EXPECTED: Record<Action, (200 | 401 | 403)[]> = {
  "dashboards:read": [401, 200, 200, 200, 200, 200, 401],
  "dashboards:write": [401, 403, 200, 200, 403, 200, 401],
  "query:run": [401, 200, 200, 200, 200, 200, 401],
  "query:explore": [401, 200, 200, 200, 200, 200, 401],
  "panel:embed": [401, 200, 200, 200, 200, 200, 200],
  "datasources:read": [401, 200, 200, 200, 200, 200, 401],
  "topology:read": [401, 200, 200, 200, 200, 200, 401],
  "links:create": [401, 200, 200, 200, 200, 200, 401],
  "embed:mint": [401, 403, 200, 200, 403, 200, 401],
  "embed:admin": [401, 403, 403, 200, 403, 403, 401],
  "tokens:admin": [401, 403, 403, 200, 403, 403, 401],
  "users:admin": [401, 403, 403, 200, 403, 403, 401],
  "metrics:read": [401, 403, 403, 200, 403, 403, 401],
};

describe("authorize: principal × action matrix", () => {
  for (const spoofed of [false, true]) {
    it(`matches the expected table${spoofed ? " with spoofed middleware headers" : ""} (0 mismatches)`, async () => {
      const mismatches: string[] = [];
      for (const action of ACTIONS) {
        for (const [i, who] of WHO.entries()) {
          for (const method of ["GET", "POST"]) {
            const got = await outcome(request(who, method, spoofed ? SPOOFED : {}), action, { embed: { uid: "node", panelId: 2 } });
            const want = EXPECTED[action][i] === 200 ? OK(who) : EXPECTED[action][i];
            if (got !== want) mismatches.push(`${action} ${method} as ${who}: expected ${want}, got ${got}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it("decides correctly under 400 concurrent mixed requests (CVE-2022-39328 lesson)", async () => {
    const cases = Array.from({ length: 400 }, (_, n) => ({ who: WHO[n % WHO.length]!, action: ACTIONS[n % ACTIONS.length]! }));
    const results = await Promise.all(cases.map((c) => outcome(request(c.who, "GET"), c.action, { embed: { uid: "node", panelId: 2 } })));
    const wrong = cases.filter((c, n) => {
      const want = EXPECTED[c.action][WHO.indexOf(c.who)];
      return results[n] !== (want === 200 ? OK(c.who) : want);
    });
    expect(wrong).toEqual([]);
  });
});

describe("authorize: error bodies", () => {
  it("401 names the action and role needed", async () => {
    let res: Response | undefined;
    try {
      await authorize(request("anonymous", "GET"), "dashboards:write", { context: fx.ctx });
    } catch (e) {
      res = errorResponse(e);
    }
    expect(res?.status).toBe(401);
    expect(await res?.json()).toEqual({
      error: { code: "unauthorized", message: "sign in first: dashboards:write needs a session or an API token with the editor role", action: "dashboards:write", requiredRole: "editor" },
    });
  });

  it("403 says which role is missing", async () => {
    let res: Response | undefined;
    try {
      await authorize(request("viewer", "PUT"), "dashboards:write", { context: fx.ctx });
    } catch (e) {
      res = errorResponse(e);
    }
    expect(res?.status).toBe(403);
    expect(await res?.json()).toMatchObject({ error: { code: "forbidden", message: "dashboards:write needs the editor role; vic has viewer", requiredRole: "editor" } });
  });
});

describe("authorize: sessions that must not count", () => {
  const cases: [string, () => Promise<string>][] = [
    ["a random cookie value", async () => "next-auth.session-token=not-a-jwt"],
    ["a session encrypted with another secret", () => sessionCookie({ sub: "admin", role: "admin", provider: "credentials" }, "another-secret-0123456789abcdefghijkl")],
    ["an interrupted-OAuth-flow token with no sub or role (CVE-2023-48309)", () => sessionCookie({ value: "pkce-verifier" })],
    ["a token with a sub but no role", () => sessionCookie({ sub: "admin", provider: "credentials" })],
    ["a token with an unknown role", () => sessionCookie({ sub: "x", role: "root", provider: "oidc" })],
    ["a credentials session for a user that does not exist", () => sessionCookie({ sub: "mallory", role: "admin", provider: "credentials" })],
    ["an expired session", () => sessionCookie({ sub: "admin", role: "admin", provider: "credentials" }, SECRET, -3600)],
  ];
  it.each(cases)("%s → 401", async (_label, cookie) => {
    const req = new Request(`${APP}/api/dashboards`, { headers: { cookie: await cookie(), ...SPOOFED } });
    expect(await outcome(req, "dashboards:read")).toBe(401);
  });

  it("uses the current role of a local user, not the one in the cookie", async () => {
    const forgedUp = await sessionCookie({ sub: "vic", role: "admin", provider: "credentials" });
    expect(await outcome(new Request(`${APP}/`, { headers: { cookie: forgedUp } }), "users:admin")).toBe(403);
  });

  it("a session already accepted (its decoded token reused) is refused under another secret and follows the user's current role", async () => {
    const req = () => new Request(`${APP}/`, { headers: { cookie: cookies.editor } });
    expect(await outcome(req(), "dashboards:read")).toBe("user:editor");
    expect(await outcome(req(), "dashboards:read")).toBe("user:editor");
    expect(await outcome(req(), "dashboards:read", {}, fx.withConfig({ secret: "another-secret-0123456789abcdefghijkl" }))).toBe(401);
    // ed demoted in the config: the same cookie now carries the viewer role
    const demoted = fx.withConfig({ users: [{ username: "ed", passwordHash: await hashPassword("ed-pass"), role: "viewer" }] });
    expect(await outcome(req(), "dashboards:read", {}, demoted)).toBe("user:viewer");
  });

  it("decoded sessions are kept per exact cookie value: each user's cookie gets its own principal, a changed one is not served, an expired one is refused", async () => {
    const who = async (cookie: string) => {
      try {
        const p = await authorize(new Request(`${APP}/`, { headers: { cookie } }), "dashboards:read", { context: fx.ctx });
        return p.kind === "user" ? `${p.id}:${p.role}` : p.kind;
      } catch (e) {
        if (e instanceof ApiError) return e.status;
        throw e;
      }
    };
    // Alternating users, each cookie decoded once and then reused: never another user's principal.
    for (let i = 0; i < 3; i++) {
      expect(await who(cookies.viewer)).toBe("vic:viewer");
      expect(await who(cookies.editor)).toBe("ed:editor");
      expect(await who(cookies.admin)).toBe("admin:admin");
    }
    // One character changed inside the encrypted value: a different key, decrypted (and refused) afresh.
    const token = /next-auth\.session-token=([^;]+)/.exec(cookies.editor)![1]!;
    const at = Math.floor(token.length / 2);
    const changed = `next-auth.session-token=${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
    expect(await who(changed)).toBe(401);
    expect(await who(cookies.editor)).toBe("ed:editor");
    // Kept at most until the token's exp: two minutes later the same cookie is refused.
    const short = await sessionCookie({ sub: "ed", name: "ed", role: "editor", provider: "credentials" }, SECRET, 60);
    expect(await who(short)).toBe("ed:editor");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 120_000); // past exp and next-auth's 15 s clock tolerance
      expect(await who(short)).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it("an invalid API token is 401 even next to a valid session cookie", async () => {
    const req = new Request(`${APP}/`, { headers: { cookie: cookies.admin, authorization: "Bearer orr_" + "x".repeat(43) } });
    expect(await outcome(req, "dashboards:read")).toBe(401);
  });
});

describe("authorize: CSRF on cookie sessions", () => {
  it.each([
    ["a foreign Origin", { origin: "https://evil.example", "content-type": "application/json" }, 403],
    ["Sec-Fetch-Site cross-site", { origin: APP, "sec-fetch-site": "cross-site", "content-type": "application/json" }, 403],
    ["no Origin or Sec-Fetch-Site", { origin: "", "content-type": "application/json" }, 403],
    ["a text/plain body", { origin: APP, "sec-fetch-site": "same-origin", "content-type": "text/plain" }, 415],
  ])("refuses an editor's save with %s", async (_label, headers, status) => {
    const h: Record<string, string> = { cookie: cookies.editor, ...headers };
    if (h.origin === "") delete h.origin;
    const req = new Request(`${APP}/api/dashboards/node`, { method: "PUT", headers: h, body: "{}" });
    expect(await outcome(req, "dashboards:write")).toBe(status);
  });

  it("API tokens need no Origin (not sent by browsers on their own)", async () => {
    const req = new Request(`${APP}/api/dashboards/node`, { method: "PUT", headers: { authorization: `Bearer ${editorToken}`, "content-type": "application/json" }, body: "{}" });
    expect(await outcome(req, "dashboards:write")).toBe("api-token:editor");
  });

  it("accepts the configured public origin behind a proxy", async () => {
    const req = new Request("http://10.0.0.5:3000/api/dashboards/node", {
      method: "PUT",
      headers: { cookie: cookies.editor, origin: APP, "content-type": "application/json" },
      body: "{}",
    });
    expect(await outcome(req, "dashboards:write")).toBe("user:editor");
  });
});

describe("authorize: anonymous access", () => {
  it("when enabled, lets anonymous visitors read with the configured role but never mutate", async () => {
    const ctx = fx.withConfig({ anonymous: { enabled: true, role: "editor" } });
    expect(await outcome(request("anonymous", "GET"), "dashboards:read", {}, ctx)).toBe("anonymous:editor");
    expect(await outcome(request("anonymous", "PUT"), "dashboards:write", {}, ctx)).toBe(401);
    expect(await outcome(request("anonymous", "GET"), "tokens:admin", {}, ctx)).toBe(401);
  });

  it("viewersCanExplore off moves Explore to editors", async () => {
    const ctx = fx.withConfig({ viewersCanExplore: false });
    expect(await outcome(request("viewer", "GET"), "query:explore", {}, ctx)).toBe(403);
    expect(await outcome(request("editor", "GET"), "query:explore", {}, ctx)).toBe("user:editor");
  });
});

describe("authorize: embed tokens", () => {
  const embedReq = (token: string) => new Request(`${APP}/api/embed`, { headers: { [EMBED_TOKEN_HEADER]: token } });

  it("grant panel:embed for their own panel only", async () => {
    expect(await outcome(embedReq(embedToken), "panel:embed", { embed: { uid: "node", panelId: 2 } })).toBe("embed");
    expect(await outcome(embedReq(embedToken), "panel:embed", { embed: { uid: "node", panelId: 3 } })).toBe(403);
    expect(await outcome(embedReq(embedToken), "panel:embed", { embed: { uid: "other", panelId: 2 } })).toBe(403);
  });

  it("revoked, tampered or missing target → 401", async () => {
    expect(await outcome(embedReq(revokedEmbedToken), "panel:embed", { embed: { uid: "node", panelId: 2 } })).toBe(401);
    expect(await outcome(embedReq(`${embedToken.slice(0, -2)}xx`), "panel:embed", { embed: { uid: "node", panelId: 2 } })).toBe(401);
    expect(await outcome(embedReq(embedToken), "panel:embed")).toBe(401);
  });

  it("are never accepted as a Bearer token", async () => {
    const req = new Request(`${APP}/`, { headers: { authorization: `Bearer ${embedToken}` } });
    expect(await outcome(req, "panel:embed", { embed: { uid: "node", panelId: 2 } })).toBe(401);
  });
});
