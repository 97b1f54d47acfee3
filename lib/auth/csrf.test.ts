import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { assertSameOriginMutation } from "./csrf";

const URL_ = "https://orrery.example.com/api/dashboards/abc";

function req(method: string, headers: Record<string, string>, body?: string) {
  return new Request(URL_, { method, headers, ...(body === undefined ? {} : { body }) });
}

function status(fn: () => void): number | "ok" {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}

const JSON_HEADERS = { "content-type": "application/json" };

describe("assertSameOriginMutation", () => {
  it.each([
    ["Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }],
    ["our Origin", { origin: "https://orrery.example.com" }],
    ["both", { origin: "https://orrery.example.com", "sec-fetch-site": "same-origin" }],
  ])("lets a same-origin JSON PUT through (%s)", (_label, headers) => {
    expect(status(() => assertSameOriginMutation(req("PUT", { ...JSON_HEADERS, ...headers }, "{}")))).toBe("ok");
  });

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }, 403],
    ["a sibling subdomain", { origin: "https://evil.orrery.example.com" }, 403],
    ["http instead of https", { origin: "http://orrery.example.com" }, 403],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }, 403],
    ["Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site" }, 403],
    ["same-origin fetch metadata but a foreign Origin", { "sec-fetch-site": "same-origin", origin: "https://evil.example" }, 403],
    ["Origin null (sandboxed frame)", { origin: "null" }, 403],
    ["no Origin and no Sec-Fetch-Site", {}, 403],
  ])("refuses %s", (_label, headers, expected) => {
    expect(status(() => assertSameOriginMutation(req("POST", { ...JSON_HEADERS, ...headers }, "{}")))).toBe(expected);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""])(
    "refuses a same-origin body of type %j with 415",
    (type) => {
      const headers: Record<string, string> = { origin: "https://orrery.example.com" };
      if (type) headers["content-type"] = type;
      expect(status(() => assertSameOriginMutation(req("POST", headers, "{}")))).toBe(415);
    },
  );

  it("counts the Host the browser addressed as our origin (Next's req.url names its own listen host)", () => {
    const r = (origin: string, host: string) =>
      new Request("http://localhost:3000/api/dashboards", { method: "POST", headers: { ...JSON_HEADERS, origin, host }, body: "{}" });
    expect(status(() => assertSameOriginMutation(r("http://127.0.0.1:3000", "127.0.0.1:3000")))).toBe("ok");
    expect(status(() => assertSameOriginMutation(r("https://127.0.0.1:3000", "127.0.0.1:3000")))).toBe(403);
    expect(status(() => assertSameOriginMutation(r("http://evil.example", "127.0.0.1:3000")))).toBe(403);
  });

  it("with requireJson false (a read sent as a form POST) still checks the origin but accepts a form body", () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const opts = { requireJson: false };
    expect(status(() => assertSameOriginMutation(req("POST", { ...form, "sec-fetch-site": "same-origin" }, "query=up"), opts))).toBe("ok");
    expect(status(() => assertSameOriginMutation(req("POST", { ...form, origin: "https://evil.example" }, "query=up"), opts))).toBe(403);
    expect(status(() => assertSameOriginMutation(req("POST", form, "query=up"), opts))).toBe(403);
  });

  it("with allowMultipart (file uploads) accepts a same-origin multipart body, still checks the origin, and nothing else", () => {
    const multipart = { "content-type": "multipart/form-data; boundary=x" };
    const opts = { allowMultipart: true };
    expect(status(() => assertSameOriginMutation(req("POST", { ...multipart, "sec-fetch-site": "same-origin" }, "--x--"), opts))).toBe("ok");
    expect(status(() => assertSameOriginMutation(req("POST", { ...JSON_HEADERS, origin: "https://orrery.example.com" }, "{}"), opts))).toBe("ok");
    expect(status(() => assertSameOriginMutation(req("POST", { ...multipart, origin: "https://evil.example" }, "--x--"), opts))).toBe(403);
    expect(status(() => assertSameOriginMutation(req("POST", { ...multipart, "sec-fetch-site": "cross-site" }, "--x--"), opts))).toBe(403);
    expect(status(() => assertSameOriginMutation(req("POST", multipart, "--x--"), opts))).toBe(403);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/mixed; boundary=x"]) {
      expect(status(() => assertSameOriginMutation(req("POST", { "content-type": type, origin: "https://orrery.example.com" }, "a"), opts)), type).toBe(415);
    }
  });

  it("accepts a DELETE without a body, and ignores safe methods", () => {
    expect(status(() => assertSameOriginMutation(req("DELETE", { "sec-fetch-site": "same-origin" })))).toBe("ok");
    expect(status(() => assertSameOriginMutation(req("GET", { origin: "https://evil.example" })))).toBe("ok");
  });

  it("accepts configured trusted origins (a reverse proxy's public name)", () => {
    const r = req("POST", { ...JSON_HEADERS, origin: "https://metrics.example.com" }, "{}");
    expect(status(() => assertSameOriginMutation(r))).toBe(403);
    expect(status(() => assertSameOriginMutation(r, { trustedOrigins: ["https://metrics.example.com/"] }))).toBe("ok");
  });

  it("names the refused origin in the error", () => {
    expect(() => assertSameOriginMutation(req("POST", { ...JSON_HEADERS, origin: "https://evil.example" }, "{}"))).toThrow(/https:\/\/evil\.example/);
  });
});
