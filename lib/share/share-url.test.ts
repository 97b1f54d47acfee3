import { describe, expect, it } from "vitest";
import { decodeDashboardUrlState } from "@/lib/dashboards/url-state";
import { buildPanelSharePath, buildPanelShareUrl, parsePanelLink, type ShareContext } from "./share-url";
import { checkShortLinkPath } from "./short-link-path";

const START = Date.UTC(2026, 10, 28, 6, 0, 0, 123);
const END = Date.UTC(2026, 10, 28, 12, 0, 0, 456);

const ctx = (over: Partial<ShareContext> = {}): ShareContext => ({
  dashboard: { uid: "federation-overview", slug: "prometheus-federation-overview", version: 3 },
  panel: { id: 6, title: "Targets up by cluster" },
  time: { raw: { from: "now-6h", to: "now" }, absolute: { startMs: START, endMs: END } },
  variables: { cluster: ["east", "west"], instance: ["$__all"] },
  timezone: "browser",
  dashboardTimezone: "browser",
  theme: null,
  ...over,
});

// A dashboard as url-state decodes it: the share link must be read back by the page itself.
const dashboard = {
  time: { from: "now-1h", to: "now" },
  timezone: "browser",
  refresh: "",
  panels: [{ id: 6, type: "timeseries" }],
  templating: {
    list: [
      { name: "cluster", type: "custom", multi: true, includeAll: false, query: "east,west", options: [], current: {} },
      { name: "instance", type: "custom", multi: true, includeAll: true, query: "a,b", options: [], current: {} },
    ],
  },
} as unknown as Parameters<typeof decodeDashboardUrlState>[1];

describe("buildPanelSharePath", () => {
  const cases: { name: string; ctx: ShareContext; lock: boolean; from: string; to: string; extra?: Record<string, string | null> }[] = [
    { name: "relative range as written", ctx: ctx(), lock: false, from: "now-6h", to: "now", extra: { timezone: null, theme: null } },
    { name: "locked: the absolute range in epoch ms", ctx: ctx(), lock: true, from: String(START), to: String(END) },
    { name: "zone and theme when set", ctx: ctx({ timezone: "Europe/Berlin", theme: "dark" }), lock: false, from: "now-6h", to: "now", extra: { timezone: "Europe/Berlin", theme: "dark" } },
    { name: "the dashboard's own zone is left out", ctx: ctx({ timezone: "utc", dashboardTimezone: "utc" }), lock: false, from: "now-6h", to: "now", extra: { timezone: null } },
    {
      name: "an absolute range stays absolute unlocked",
      ctx: ctx({ time: { raw: { from: "2026-11-28T06:00:00.000Z", to: "2026-11-28T07:00:00.000Z" }, absolute: { startMs: START, endMs: END } } }),
      lock: false,
      from: "2026-11-28T06:00:00.000Z",
      to: "2026-11-28T07:00:00.000Z",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const parsed = parsePanelLink(buildPanelSharePath(c.ctx, { lockTime: c.lock }))!;
      expect(parsed).toMatchObject({ uid: c.ctx.dashboard.uid, slug: c.ctx.dashboard.slug, panelId: 6, from: c.from, to: c.to, variables: c.ctx.variables });
      for (const [k, v] of Object.entries(c.extra ?? {})) expect(parsed[k as "timezone" | "theme"], k).toBe(v);
    });
  }

  it("round-trips through the dashboard's own URL decoding: same panel, variables and range", () => {
    for (const lockTime of [false, true]) {
      const path = buildPanelSharePath(ctx({ timezone: "utc", theme: "light" }), { lockTime });
      const { state, notices } = decodeDashboardUrlState(new URL(path, "http://x").search, dashboard, { nowMs: END });
      expect(notices).toEqual([]);
      expect(state.viewPanel).toBe(6);
      expect(state.variables).toEqual({ cluster: ["east", "west"], instance: ["$__all"] });
      expect(state.timezone).toBe("utc");
      expect(state.theme).toBe("light");
      expect(state.time).toEqual(lockTime ? { from: new Date(START).toISOString(), to: new Date(END).toISOString() } : { from: "now-6h", to: "now" });
    }
  });

  it("encodes values that would break a query string, and the link is storable as a short link", () => {
    const nasty = ["a&b=c", "x y", "100%", "é/ü", "#frag", "?q", "+plus", "'quote\"", "<script>"];
    const path = buildPanelSharePath(ctx({ variables: { cluster: nasty } }), { lockTime: true });
    expect(parsePanelLink(path)!.variables).toEqual({ cluster: nasty });
    expect(checkShortLinkPath(path)).toEqual({ ok: true, path });
  });

  it("escapes uid and slug, and an absolute URL gets the origin once", () => {
    const url = buildPanelShareUrl(ctx({ dashboard: { uid: "a_b-1", slug: "e28093-x", version: null } }), { lockTime: false }, "https://orrery.example.com/");
    expect(url.startsWith("https://orrery.example.com/d/a_b-1/e28093-x?viewPanel=6&")).toBe(true);
    expect(parsePanelLink(url)!.uid).toBe("a_b-1");
  });
});

describe("checkShortLinkPath", () => {
  const good = ["/d/abc", "/d/abc/my-slug", "/d/abc/slug?viewPanel=2&from=now-6h&to=now&var-x=a%26b&var-x=c+d", "/d/x?var-q=%2F%2Fevil"];
  for (const path of good) it(`accepts ${path}`, () => expect(checkShortLinkPath(path)).toEqual({ ok: true, path }));

  const bad: unknown[] = [
    undefined,
    42,
    "",
    "d/abc",
    "/dashboards",
    "/api/admin/users",
    "/s/abcdefghij",
    "//evil.example/d/x",
    "/d//evil.example",
    "/d/x//y",
    "/\\evil.example",
    "/d/\\evil.example",
    "/d/x\\y",
    "https://evil.example/d/x",
    "javascript:alert(1)//d/",
    "/d/../api/admin/tokens",
    "/d/./x",
    "/d/%2e%2e/api",
    "/d/%2F%2Fevil",
    "/d/x%5cevil",
    "/d/x%00",
    "/d/x y",
    "/d/x\ty",
    "/d/x\n/y",
    "/d/x\u0000",
    "/d/x\u2028", // rewritten by the URL parser (percent-encoded)
    "/d/x#frag",
    "/d/x?a=<b>",
    "/d/é",
    `/d/x?${"a".repeat(9000)}`,
  ];
  for (const path of bad) {
    it(`refuses ${JSON.stringify(path)?.slice(0, 60)}`, () => {
      const res = checkShortLinkPath(path);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toMatch(/path/);
    });
  }
});
