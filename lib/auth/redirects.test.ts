import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeCallbackUrl } from "./redirects";

const ORIGIN = "https://orrery.example.com";

describe("safeCallbackPath", () => {
  it.each([
    ["/d/abc/node?from=now-6h&var-job=api", "/d/abc/node?from=now-6h&var-job=api"],
    ["/explore#q", "/explore#q"],
    ["/", "/"],
    [`${ORIGIN}/dashboards?tag=k8s`, "/dashboards?tag=k8s"],
    ["/d/a%20b", "/d/a%20b"],
  ])("keeps same-origin %s", (raw, expected) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "https://evil.example/",
    "http://orrery.example.com/", // right host, wrong scheme: another origin
    "https://orrery.example.com.evil.example/",
    "https://orrery.example.com@evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%255Cevil.example", // double-encoded backslash
    "/%252F%252Fevil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/%E0%A4%A", // malformed escape (CVE-2022-31093: must not throw)
    "evil.example",
    "",
    `/${"a".repeat(3000)}`,
  ])("refuses %j → /", (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe("/");
  });

  it.each([undefined, null, 42, ["/d/x"], { href: "/d/x" }])("refuses non-string %j", (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe("/");
  });

  it("builds an absolute URL on the base origin for next-auth's redirect callback", () => {
    expect(safeCallbackUrl("/d/abc", `${ORIGIN}/`)).toBe(`${ORIGIN}/d/abc`);
    expect(safeCallbackUrl("https://evil.example/x", ORIGIN)).toBe(`${ORIGIN}/`);
  });
});
