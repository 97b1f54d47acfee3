import http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eApp, startE2eApp } from "./e2e-app";
import { recordFigure } from "./harness";

// next-auth's route (app/api/auth/[...nextauth]) fuzzed over HTTP against `next start` (its handler
// needs Next's request scope, so route-fuzz.test.ts cannot call it directly). Run by `npm run
// test:hard` after its build (ORRERY_RELIABILITY_SERVER=1); ORRERY_AUTH_FUZZ_RUNS (default 3,000).
// Generated: every next-auth action and odd paths, GET/POST, form/JSON/garbage bodies with real or
// forged CSRF tokens, wrong credentials, foreign callback URLs (open-redirect attempts), forged
// session/CSRF/callback cookies, spoofed Host / X-Forwarded-* headers, overlong and unicode values.
// Outcome per request: an answer in time, never a 5xx, no session cookie without the right
// password, no redirect (Location or JSON `url`) to another origin, no input echoed as HTML; after
// the run the server is alive and the admin's session still works.

const ENABLED = process.env.ORRERY_RELIABILITY_SERVER === "1";
const RUNS = Number(process.env.ORRERY_AUTH_FUZZ_RUNS ?? 3_000);
const EVIL = "evil.reliab.example";
const SCRIPT = "<script>window.__x=1</script>";

let app: E2eApp;
let csrf: { token: string; cookie: string };

/** One request, body read in full, redirects not followed; Host may be spoofed (fetch would refuse to). */
function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(app.baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`hang: ${method} ${path} took over 30 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

const cookiePairs = (h: http.IncomingHttpHeaders) => (h["set-cookie"] ?? []).map((c) => c.split(";")[0]!);

beforeAll(async () => {
  if (!ENABLED) return;
  app = await startE2eApp([]);
  const r = await send("GET", "/api/auth/csrf", {});
  csrf = { token: (JSON.parse(r.text) as { csrfToken: string }).csrfToken, cookie: cookiePairs(r.headers).join("; ") };
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

const nasty = () =>
  fc.oneof(
    fc.constantFrom("__proto__", "constructor", "..", "%2e%2e", "../../api/admin", "\u0000", "null", "NaN", "", " ", "%", "%zz", SCRIPT, "😀", "\uFEFF", "a".repeat(5000), "admin"),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
  );
const foreignUrl = () =>
  fc.constantFrom(`https://${EVIL}/`, `//${EVIL}`, `/\\${EVIL}`, `\\\\${EVIL}`, `http:${EVIL}`, `https://${EVIL}@127.0.0.1/`, `javascript:alert(1)`, `data:text/html,${SCRIPT}`, `/%2f%2f${EVIL}`, `http://127.0.0.1.${EVIL}/`, "/dashboards");
const ACTIONS = ["providers", "csrf", "session", "signin", "signin/credentials", "signin/oidc", "signout", "callback/credentials", "callback/oidc", "error", "_log", "verify-request", "webauthn-options", "callback", "signin/../session", "session/x", "%2e%2e/admin/users", "CSRF", "providers.json"];

interface AuthCall {
  method: "GET" | "POST";
  action: string;
  query: [string, string][];
  body: { kind: "form" | "json" | "raw"; fields: [string, string][]; raw: string };
  contentType: string;
  csrf: "real" | "forged" | "none" | "real token, no cookie";
  cookies: [string, string][];
  headers: Record<string, string>;
}

const call = (): fc.Arbitrary<AuthCall> =>
  fc.record<AuthCall>({
    method: fc.constantFrom("GET", "POST", "POST"),
    action: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ACTIONS) }, nasty().map((s) => encodeURIComponent(s))),
    query: fc.array(fc.tuple(fc.constantFrom("callbackUrl", "error", "csrf", "json", "__proto__", "provider", "code", "state"), fc.oneof(foreignUrl(), nasty())), { maxLength: 3 }),
    body: fc.record({
      kind: fc.constantFrom("form", "form", "json", "raw"),
      fields: fc.array(fc.tuple(fc.constantFrom("username", "password", "callbackUrl", "json", "redirect", "__proto__", "constructor[prototype][x]", "role", "csrfToken"), fc.oneof(foreignUrl(), nasty())), { maxLength: 6 }),
      raw: fc.oneof(nasty(), fc.constant("{".repeat(10_000)), fc.constant("a=".repeat(5_000))),
    }),
    contentType: fc.constantFrom("application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data; boundary=x", ""),
    csrf: fc.constantFrom("real", "real", "forged", "none", "real token, no cookie"),
    cookies: fc.array(
      fc.tuple(
        fc.constantFrom("next-auth.session-token", "next-auth.callback-url", "next-auth.csrf-token", "__Secure-next-auth.session-token", "next-auth.pkce.code_verifier", "next-auth.state"),
        fc.oneof(foreignUrl(), nasty().map((s) => encodeURIComponent(s)), fc.constant("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.")),
      ),
      { maxLength: 2 },
    ),
    headers: fc.record({ "x-forwarded-host": fc.constant(EVIL), "x-forwarded-proto": fc.constantFrom("https", "gopher"), host: fc.constantFrom(EVIL, `${EVIL}:80`), origin: fc.constantFrom(`https://${EVIL}`, "null"), "x-forwarded-for": fc.constantFrom("1.2.3.4", "::1, 10.0.0.1") }, { requiredKeys: [] }),
  });

function toRequest(c: AuthCall): { path: string; headers: Record<string, string>; body?: string } {
  const query = c.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  const path = `/api/auth/${c.action}${query ? `?${query}` : ""}`;
  const cookies = [...c.cookies.map(([k, v]) => `${k}=${v}`)];
  if (c.csrf === "real" || c.csrf === "forged") cookies.push(c.csrf === "real" ? csrf.cookie : `next-auth.csrf-token=${"f".repeat(64)}%7C${"0".repeat(64)}`);
  const headers: Record<string, string> = { ...c.headers };
  for (const [k, v] of Object.entries(headers)) if (!/^[\t\x20-\x7e]*$/.test(v)) delete headers[k];
  if (cookies.length) headers.cookie = cookies.join("; ").replace(/[^\t\x20-\x7e]/g, "");
  if (c.method === "GET") return { path, headers };
  const fields: [string, string][] = [...c.body.fields];
  if (c.csrf !== "none") fields.push(["csrfToken", c.csrf === "forged" ? "f".repeat(64) : csrf.token]);
  const body = c.body.kind === "form" ? new URLSearchParams(fields).toString() : c.body.kind === "json" ? JSON.stringify(Object.fromEntries(fields)) : c.body.raw;
  if (c.contentType) headers["content-type"] = c.contentType;
  return { path, headers, body };
}

/** Whether `target` (a Location or JSON url) would send the browser to another origin. */
function foreign(target: string): boolean {
  try {
    return new URL(target, app.baseURL).origin !== new URL(app.baseURL).origin;
  } catch {
    return false; // not a URL a browser would follow
  }
}

describe.skipIf(!ENABLED)("next-auth's route over HTTP", () => {
  it(`${RUNS} generated requests: no 5xx or hang, no session without the password, no redirect off-origin, no HTML echo`, { timeout: 3_600_000 }, async () => {
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(call(), async (c) => {
        const r = toRequest(c);
        const res = await send(c.method, r.path, r.headers, r.body);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const what = `${c.method} ${r.path} ${JSON.stringify(r.headers).slice(0, 300)} ${String(r.body ?? "").slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, `${what}\nserver log: ${res.status >= 500 ? app.logs().slice(-1500) : ""}`).toBeLessThan(500);
        const session = cookiePairs(res.headers).find((p) => /^(__Secure-)?next-auth\.session-token=./.test(p));
        expect(session, `a session cookie without the right password: ${what}`).toBeUndefined();
        const location = res.headers.location;
        if (location) expect(foreign(location), `redirect to ${location}: ${what}`).toBe(false);
        if (/json/.test(res.headers["content-type"] ?? "")) {
          const url = (() => {
            try {
              return (JSON.parse(res.text) as { url?: unknown }).url;
            } catch {
              return undefined;
            }
          })();
          if (typeof url === "string") expect(foreign(url), `JSON url ${url}: ${what}`).toBe(false);
        }
        if (/html/.test(res.headers["content-type"] ?? "")) expect(res.text.includes(SCRIPT), `input echoed as HTML: ${what}`).toBe(false);
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      }),
      { numRuns: RUNS, seed: Number(process.env.ORRERY_FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    // The server is alive and the admin's session (signed in before the run) still works.
    const health = await send("GET", "/api/health", {});
    expect(health.status).toBe(200);
    const me = await send("GET", "/api/auth/session", { cookie: app.cookie });
    expect((JSON.parse(me.text) as { user?: { name?: string } }).user?.name).toBe("admin");
    const summary = { suite: "next-auth fuzz", runs: RUNS, fiveXx: 0, hangs: 0, sessionsWithoutPassword: 0, offOriginRedirects: 0, statuses };
    recordFigure(summary);
    console.log(JSON.stringify(summary));
  });
});
