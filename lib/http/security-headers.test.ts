import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, isEmbedPath, newNonce, pageContentSecurityPolicy, pageSecurityHeaders } from "./security-headers";

const directives = (csp: string) => Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("page security headers", () => {
  const base = { nonce: "abc123==", allowedOrigins: ["https://wiki.example.com", "http://127.0.0.1:13290"], dev: false };

  it.each([
    ["/d-solo/emb/slug", ["'self'", "https://wiki.example.com", "http://127.0.0.1:13290"]],
    ["/d-solo/emb", ["'self'", "https://wiki.example.com", "http://127.0.0.1:13290"]],
    ["/d/emb/slug", ["'none'"]],
    ["/d-solos/emb", ["'none'"]],
    ["/login", ["'none'"]],
    ["/explore", ["'none'"]],
    ["/", ["'none'"]],
  ])("frame-ancestors of %s", (pathname, ancestors) => {
    expect(directives(pageContentSecurityPolicy({ ...base, pathname }))["frame-ancestors"]).toEqual(ancestors);
  });

  it("scripts need this request's nonce; no unsafe-eval or unsafe-inline scripts in production; ECharts' inline styles allowed", () => {
    const d = directives(pageContentSecurityPolicy({ ...base, pathname: "/d/x" }));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d["style-src"]).toContain("'unsafe-inline'");
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["connect-src"]).toEqual(["'self'"]);
    expect(directives(pageContentSecurityPolicy({ ...base, pathname: "/d/x", dev: true }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("embeds send no referrer; other pages strict-origin-when-cross-origin; all nosniff", () => {
    expect(pageSecurityHeaders("/d-solo/a/b")).toEqual({ "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" });
    expect(pageSecurityHeaders("/d/a/b")).toEqual({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(isEmbedPath("/d-solo")).toBe(true);
  });

  it("nonces are fresh 128-bit base64 values", () => {
    const seen = new Set(Array.from({ length: 100 }, newNonce));
    expect(seen.size).toBe(100);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("next.config.js gives the API and assets nosniff, a referrer policy, and the API's CSP", async () => {
    // next.config.js is plain JS without types: typed here as Next reads it.
    const nextConfig = (await import("@/next.config.js" as string)).default as NextConfig;
    const rules = await nextConfig.headers!();
    const api = rules.find((r) => r.source === "/api/:path*")!;
    const value = (key: string) => api.headers.find((h) => h.key.toLowerCase() === key)?.value;
    expect(value("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
    expect(value("x-content-type-options")).toBe("nosniff");
    expect(value("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // No rule overlaps the pages, whose headers come from proxy.ts (one value per header).
    expect(rules.map((r) => r.source).sort()).toEqual(["/_next/:path*", "/api/:path*"]);
  });
});
