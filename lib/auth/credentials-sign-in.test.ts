import { describe, expect, it } from "vitest";
import { credentialsSignIn, fetchCsrfToken } from "./credentials-sign-in";

const input = { username: "admin", password: "pw&=x", callbackUrl: "/topology?ds=global", csrfToken: "tok" };

function answering(status: number, body: unknown) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetcher = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { fetcher, calls };
}

describe("credentialsSignIn", () => {
  it("posts the form next-auth's credentials callback reads, in one request", async () => {
    const { fetcher, calls } = answering(200, { url: "http://127.0.0.1:3000/topology?ds=global" });
    expect(await credentialsSignIn(input, fetcher)).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("/api/auth/callback/credentials");
    expect(calls[0]!.init?.method).toBe("POST");
    const form = new URLSearchParams(String(calls[0]!.init?.body));
    expect(Object.fromEntries(form)).toEqual({ ...input, json: "true" });
  });

  it("returns next-auth's error code when refused", async () => {
    expect(await credentialsSignIn(input, answering(401, { url: "http://h/api/auth/error?error=CredentialsSignin&provider=credentials" }).fetcher)).toEqual({
      ok: false,
      error: "CredentialsSignin",
    });
    // The limiter refuses with a code of its own; an answer without a URL is a refusal too.
    expect(await credentialsSignIn(input, answering(200, { url: "/login?error=TooManyAttempts%3A30" }).fetcher)).toEqual({ ok: false, error: "TooManyAttempts:30" });
    expect(await credentialsSignIn(input, answering(500, {}).fetcher)).toEqual({ ok: false, error: "CredentialsSignin" });
  });
});

describe("fetchCsrfToken", () => {
  it("is the token, or null when there is none", async () => {
    expect(await fetchCsrfToken(answering(200, { csrfToken: "abc" }).fetcher)).toBe("abc");
    expect(await fetchCsrfToken(answering(500, { csrfToken: "abc" }).fetcher)).toBeNull();
    expect(await fetchCsrfToken((async () => Promise.reject(new TypeError("offline"))) as typeof fetch)).toBeNull();
  });
});
