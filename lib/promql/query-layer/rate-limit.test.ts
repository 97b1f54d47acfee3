import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/policy";
import { describeLimit, MemoryRateLimiter, rateLimitKey } from "./rate-limit";

const req = (xff?: string) => new Request("http://orrery.test/api/ds/p/api/v1/query", { headers: xff ? { "x-forwarded-for": xff } : {} });

describe("rateLimitKey", () => {
  it.each<[string, Principal, string | undefined, string]>([
    ["a user, by provider and id", { kind: "user", id: "u1", name: "Alice", role: "viewer", provider: "oidc" }, "1.2.3.4", "user:oidc:u1"],
    ["an API token, by token id", { kind: "api-token", id: "t9", name: "ci", role: "editor" }, undefined, "token:t9"],
    ["an embed token, by its jti", { kind: "embed", tokenId: "j1", claims: { uid: "d", panels: [1], ver: 1, vars: {}, time: { mode: "relative", maxSpanSeconds: 60 } } }, undefined, "embed:j1"],
    ["anonymous, by the last x-forwarded-for hop (the one our side appended)", { kind: "anonymous", role: "viewer" }, "6.6.6.6, 10.0.0.7", "ip:10.0.0.7"],
    ["anonymous without the header", { kind: "anonymous", role: "viewer" }, undefined, "ip:unknown"],
  ])("%s", (_name, principal, xff, want) => {
    expect(rateLimitKey(principal, req(xff))).toBe(want);
  });
});

describe("MemoryRateLimiter (fixed windows)", () => {
  it("allows `requests` per window per key, then refuses with the seconds left in the window", () => {
    const l = new MemoryRateLimiter({ requests: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(l.hit("user:a", t0 + i)).toBeUndefined();
    expect(l.hit("user:a", t0 + 10_500)).toEqual({ retryAfterSeconds: 50, limit: { requests: 3, windowMs: 60_000 } });
    // Another principal has its own budget.
    expect(l.hit("user:b", t0 + 10_500)).toBeUndefined();
    // A new window starts when the old one ends.
    expect(l.hit("user:a", t0 + 60_000)).toBeUndefined();
  });

  it("never answers Retry-After 0", () => {
    const l = new MemoryRateLimiter({ requests: 1, windowMs: 1000 });
    l.hit("k", 0);
    expect(l.hit("k", 999)?.retryAfterSeconds).toBe(1);
  });

  it.each([
    [{ requests: 120, windowMs: 60_000 }, "120 requests per 1m"],
    [{ requests: 5, windowMs: 3_600_000 }, "5 requests per 1h"],
    [{ requests: 10, windowMs: 30_000 }, "10 requests per 30s"],
  ])("describes %o as %s", (limit, text) => {
    expect(describeLimit(limit)).toBe(text);
  });
});
