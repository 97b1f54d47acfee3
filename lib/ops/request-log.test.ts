import { describe, expect, it } from "vitest";
import { requestId, routePattern } from "./request-log";

describe("routePattern", () => {
  it.each([
    ["/api/dashboards", {}, "/api/dashboards"],
    ["/api/dashboards/abc", { uid: "abc" }, "/api/dashboards/[uid]"],
    ["/api/dashboards/abc/versions/3", { uid: "abc", version: "3" }, "/api/dashboards/[uid]/versions/[version]"],
    ["/api/dashboards/a%20b/restore", { uid: "a b" }, "/api/dashboards/[uid]/restore"],
    ["/api/auth/callback/oidc", { nextauth: ["callback", "oidc"] }, "/api/auth/[...nextauth]"],
    ["/api/topology", undefined, "/api/topology"],
  ])("%s with %o → %s", (path, params, want) => {
    expect(routePattern(path, params)).toBe(want);
  });
});

describe("requestId", () => {
  const req = (id?: string) => new Request("http://x/", { headers: id ? { "x-request-id": id } : {} });
  it("keeps a well-formed client id", () => {
    expect(requestId(req("lb-7f3a.42:1"))).toBe("lb-7f3a.42:1");
  });
  it.each(["has space", "x".repeat(129), "<script>", "a\tb"])("replaces %j with a fresh UUID", (bad) => {
    expect(requestId(req(bad))).toMatch(/^[0-9a-f-]{36}$/);
  });
  it("generates one when absent, different each time", () => {
    expect(requestId(req())).not.toBe(requestId(req()));
  });
});
