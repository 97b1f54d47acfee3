import { describe, expect, it } from "vitest";
import { mintRequestBody, spanText } from "./api";
import { embedIframe, soloPath } from "./snippet";
import { soloPageParams, soloQueryPath } from "./solo-url";

describe("solo page URL", () => {
  it("reads Grafana's /d-solo parameters, several values per variable, and ignores others", () => {
    expect(soloPageParams({ panelId: "2", from: "now-6h", to: "now", "var-job": ["a", "b"], "var-env": "prod", theme: "DARK", refresh: "1m", token: "t.t.t", other: "x" })).toEqual({
      panelId: "2",
      from: "now-6h",
      to: "now",
      theme: "dark",
      refresh: "1m",
      token: "t.t.t",
      vars: { job: ["a", "b"], env: ["prod"] },
    });
    expect(soloPageParams({ theme: "neon" })).toEqual({ panelId: null, theme: null, refresh: "", vars: {} });
  });

  it("builds the API path without the token (it goes in a header)", () => {
    const p = soloQueryPath("u/1", { panelId: "2", from: "now-1h", to: "now", vars: { job: ["a", "b"] } }, 640.4);
    expect(p).toBe("/api/d-solo/u%2F1/panels/2/query?from=now-1h&to=now&width=640&var-job=a&var-job=b");
    expect(p).not.toContain("token");
  });

  it("soloPath starts the iframe inside the token's limits", () => {
    const rel = soloPath({ uid: "d", slug: "s", panelId: 2, claims: { time: { mode: "relative", maxSpanSeconds: 21_600 }, vars: { job: ["a", "b"] } }, token: "x.y.z" });
    expect(rel).toBe("/d-solo/d/s?panelId=2&from=now-6h&to=now&var-job=a&token=x.y.z");
    const fixed = soloPath({ uid: "d", slug: "", panelId: 3, claims: { time: { mode: "fixed", fromMs: 1000, toMs: 2000 }, vars: {} }, theme: "light" });
    expect(fixed).toBe("/d-solo/d/dashboard?panelId=3&from=1000&to=2000&theme=light");
  });

  it("the iframe snippet escapes every attribute", () => {
    const html = embedIframe({ src: 'https://o/x?a=1&b="><script>alert(1)</script>', width: 10, height: 20, title: "T'\"<b>" });
    // Only the iframe's own tags and the quotes around its 7 attributes survive as markup.
    expect(html.match(/</g)).toHaveLength(2);
    expect(html.match(/"/g)).toHaveLength(14);
    expect(html).not.toContain("'");
    expect(html).toContain('width="10" height="20"');
  });
});

describe("embed tab", () => {
  it("sends pinned variables with values only, the time policy and the expiry", () => {
    expect(mintRequestBody({ panelId: 4, pinned: { job: ["a"], empty: [] }, time: { mode: "relative", maxSpan: "6h" }, ttl: "30d", theme: "dark" }, "uid1")).toEqual({
      uid: "uid1",
      panels: [4],
      variables: { job: ["a"] },
      time: { mode: "relative", maxSpan: "6h" },
      ttl: "30d",
      theme: "dark",
    });
  });

  it.each([
    [3_600_000, "1h"],
    [86_400_000, "1d"],
    [90 * 60_000, "90m"],
    [10_000, "1m"],
    [61_500, "2m"],
  ])("spanText(%i) = %s", (ms, text) => expect(spanText(ms)).toBe(text));
});
