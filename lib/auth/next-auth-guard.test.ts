import { describe, expect, it } from "vitest";
import { isNextAuthHttpUrl, refuseBadAuthRequest, refuseBadCallbackUrl } from "./next-auth-guard";

const BASE = "http://orrery.test";
const req = (path: string, cookie?: string) => new Request(`${BASE}${path}`, cookie ? { headers: { cookie } } : {});

describe("refuseBadCallbackUrl (what next-auth would answer with a 500)", () => {
  it("agrees with next-auth's own test of a callback URL", () => {
    for (const ok of ["/", "/d/abc?from=now-1h", "http://orrery.test/x", "https://elsewhere.example/"]) expect(isNextAuthHttpUrl(ok, BASE), ok).toBe(true);
    for (const bad of ["javascript:alert(1)", "data:text/html,<b>", "::", "relative/path", "ftp://x/", ""]) expect(isNextAuthHttpUrl(bad, BASE), bad).toBe(false);
  });

  it("refuses a non-http(s) callbackUrl parameter with a 400 naming it; lets http(s) and paths through to next-auth", async () => {
    const res = refuseBadCallbackUrl(req(`/api/auth/signin?callbackUrl=${encodeURIComponent("javascript:alert(1)")}`))!;
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/callbackUrl/);
    expect(refuseBadCallbackUrl(req("/api/auth/signin?callbackUrl=%2Fdashboards"))).toBeUndefined();
    // A foreign http URL is next-auth's redirect callback's to reduce to this origin (lib/auth/redirects.ts).
    expect(refuseBadCallbackUrl(req(`/api/auth/signin?callbackUrl=${encodeURIComponent("https://evil.example/")}`))).toBeUndefined();
    expect(refuseBadCallbackUrl(req("/api/auth/session"))).toBeUndefined();
    // Repeated: next-auth takes the last value, so every one is checked.
    expect(refuseBadCallbackUrl(req(`/api/auth/providers?callbackUrl=${encodeURIComponent("https://x.example/")}&callbackUrl=%20`))?.status).toBe(400);
  });

  it("refuses and clears a forged callback-url cookie; a valid one passes", async () => {
    const res = refuseBadCallbackUrl(req("/api/auth/session", `a=1; next-auth.callback-url=${encodeURIComponent("data:text/html,x")}`))!;
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toMatch(/^next-auth\.callback-url=; Path=\/; Max-Age=0/);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/next-auth\.callback-url cookie/);
    const secure = refuseBadCallbackUrl(req("/api/auth/session", "__Secure-next-auth.callback-url=javascript%3Ax"))!;
    expect(secure.headers.get("set-cookie")).toMatch(/; Secure$/);
    expect(refuseBadCallbackUrl(req("/api/auth/session", `next-auth.callback-url=${encodeURIComponent(BASE)}`))).toBeUndefined();
    // Repeated: every value is checked.
    expect(refuseBadCallbackUrl(req("/api/auth/session", "next-auth.callback-url=; next-auth.callback-url=a.b.c"))?.status).toBe(400);
  });

  it("refuses a POST declared as JSON whose body is not a JSON object; passes objects and forms (the body stays readable)", async () => {
    const post = (body: string, type = "application/json") => new Request(`${BASE}/api/auth/callback/credentials`, { method: "POST", headers: { "content-type": type }, body });
    for (const body of ["csrfToken=x", "{", "null", "[1]", '"s"', "3"]) {
      const res = await refuseBadAuthRequest(post(body));
      expect(res?.status, body).toBe(400);
      expect(((await res!.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
    }
    const ok = post('{"csrfToken":"x"}');
    expect(await refuseBadAuthRequest(ok)).toBeUndefined();
    expect(await ok.json()).toEqual({ csrfToken: "x" });
    expect(await refuseBadAuthRequest(post("csrfToken=x", "application/x-www-form-urlencoded"))).toBeUndefined();
    expect((await refuseBadAuthRequest(req(`/api/auth/signin?callbackUrl=${encodeURIComponent("javascript:x")}`)))?.status).toBe(400);
  });

  it("answers 405 to a GET of the credentials callback (next-auth threw)", async () => {
    const res = (await refuseBadAuthRequest(req("/api/auth/callback/credentials")))!;
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/POST/);
    expect(await refuseBadAuthRequest(req("/api/auth/callback/oidc?code=x"))).toBeUndefined();
  });

  it("refuses an error parameter that is not an error code (next-auth put it in a Location header and threw)", async () => {
    expect((await refuseBadAuthRequest(req("/api/auth/error?error=%F0%9F%98%80")))?.status).toBe(400);
    expect(await refuseBadAuthRequest(req("/api/auth/error?error=CredentialsSignin"))).toBeUndefined();
    expect(await refuseBadAuthRequest(req("/api/auth/error?error=TooManyAttempts%3A60"))).toBeUndefined();
  });
});
