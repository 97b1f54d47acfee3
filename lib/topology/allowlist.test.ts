import { describe, expect, it } from "vitest";
import { allowedBy, parseAllowlist, parseAllowPattern, requestTarget } from "./allowlist";

describe("parseAllowPattern", () => {
  it.each([
    ["http://127.0.0.1:*", { scheme: "http", host: "127.0.0.1", hostKind: "exact", port: "*" }],
    ["https://*.example.com", { scheme: "https", host: ".example.com", hostKind: "suffix", port: "443" }],
    ["http://Prom.Example.COM/", { scheme: "http", host: "prom.example.com", hostKind: "exact", port: "80" }],
    ["http://[0:0::1]:9090", { scheme: "http", host: "[::1]", hostKind: "exact", port: "9090" }],
    ["http://*:9090", { scheme: "http", host: "*", hostKind: "any", port: "9090" }],
    ["http://bücher.example:1", { scheme: "http", host: "xn--bcher-kva.example", hostKind: "exact", port: "1" }],
  ])("%s", (source, want) => expect(parseAllowPattern(source)).toEqual({ ...want, source }));

  it.each([
    ["ftp://a:1", /must look like/],
    ["http://user@a:1", /must look like/],
    ["http://a:1/path", /must look like/],
    ["http://a:1?x=1", /must look like/],
    ["http://a%2eb:1", /must look like/],
    ["http://a:0", /port must be 1-65535/],
    ["http://a:70000", /port must be 1-65535/],
    ["http://a*.example.com", /wildcard host must be \* or \*\.domain/],
    ["http://*.*.example.com", /wildcard host/],
    ["http://a..b:1", /is not a valid host/],
    ["127.0.0.1:9090", /must look like/],
    ["http://*.0.1:9090", /is not a domain name/],
  ])("rejects %s", (source, want) => expect(() => parseAllowPattern(source)).toThrow(want));
});

describe("allowedBy", () => {
  const allow = parseAllowlist(["http://127.0.0.1:*", "https://*.example.com", "http://allowed.example.com:9090", "http://[::1]:9090"]);
  it.each([
    ["http://127.0.0.1:9090/federate", true],
    ["http://127.0.0.1", true],
    ["https://127.0.0.1:9090", false], // scheme differs
    ["http://2130706433:9090", true], // the same address, written as one number
    ["http://127.0.0.2:9090", false],
    ["http://localhost:9090", false], // exact hosts: no DNS, no aliases
    ["https://a.example.com", true],
    ["https://a.b.example.com:443/x", true],
    ["https://example.com", false], // *.domain is not the domain itself
    ["https://evilexample.com", false],
    ["https://a.example.com:8443", false], // default port only
    ["https://a.example.com.evil.com", false],
    ["https://a.example.com%2eevil.com", false],
    ["http://allowed.example.com:9090", true],
    ["http://allowed.example.com.:9090", true], // trailing dot: the same FQDN
    ["http://allowed.example.com..:9090", false],
    ["http://%61llowed.example.com:9090", true], // percent-decoded, it is the same host
    ["http://allowed.example.com@evil:9090", false], // userinfo trick: the host is evil
    ["http://allowed.example.com:9090@evil", false],
    ["http://user:pw@allowed.example.com:9090", false], // never replay credentials found upstream
    ["http://allowed.example.com:9091", false],
    ["http://allowed.example.com.evil:9090", false],
    ["http://[::1]:9090", true],
    ["http://[0:0:0:0:0:0:0:1]:9090", true],
    ["http://[::2]:9090", false],
    ["http://[::ffff:127.0.0.1]:9090", false], // IPv4-mapped IPv6 is not the IPv4 pattern
    ["file:///etc/passwd", false],
    ["not a url", false],
  ])("%s -> %s", (url, want) => expect(allowedBy(url, allow) !== undefined).toBe(want));

  it("allows nothing with an empty list", () => {
    expect(allowedBy("http://127.0.0.1:9090", [])).toBeUndefined();
  });
  it("matches * hosts on scheme and port only", () => {
    const any = parseAllowlist(["http://*:9090"]);
    expect(allowedBy("http://anything.internal:9090", any)).toBeDefined();
    expect(allowedBy("http://anything.internal:9091", any)).toBeUndefined();
  });
});

describe("requestTarget", () => {
  it("gives the canonical origin Orrery would request", () => {
    expect(requestTarget("http://Allowed.Example.com.:9090/x?y#z")).toEqual({ scheme: "http", host: "allowed.example.com", port: "9090", origin: "http://allowed.example.com:9090" });
    expect(requestTarget("https://[::1]/")?.origin).toBe("https://[::1]:443");
  });
});
