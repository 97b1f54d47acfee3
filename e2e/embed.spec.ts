import { hkdfSync } from "node:crypto";
import http from "node:http";
import { expect, test, type Browser, type Frame, type Page } from "@playwright/test";
import { SignJWT } from "jose";
import { e2eBaseUrl, expectedTestStackUrls } from "../scripts/stack";
import { E2E_AUTH_SECRET, e2eEmbedOriginPorts } from "../test/oidc/e2e-config";
import { SAME_ORIGIN_HEADERS, SIGNED_OUT } from "./auth";

// Embeds in Chromium: pages on two other loopback origins frame /d-solo with an embed token (one
// origin allowed by auth.embed.allowedOrigins, one not); bad tokens render a message and no chart;
// and refused requests never reach Prometheus (its own request counter for query_range).

test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

const BASE = e2eBaseUrl();
const PORTS = e2eEmbedOriginPorts(BASE);
const UID = "embed-e2e";
const global = expectedTestStackUrls().global;
const OWN = 'job="prometheus", cluster=""';

const DASHBOARD = {
  schemaVersion: 1,
  uid: UID,
  title: "Embed e2e",
  time: { from: "now-15m", to: "now" },
  templating: { list: [{ name: "cluster", type: "custom", query: "east,west,secret", current: { value: "east" } }] },
  panels: [
    { id: 2, type: "timeseries", title: "Up in $cluster", datasource: "global", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: 'sum by (cluster) (up{cluster="$cluster"})' }] },
    { id: 3, type: "timeseries", title: "Panel three", datasource: "global", gridPos: { x: 12, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "count(up)" }] },
  ],
};

async function instant(expr: string): Promise<number> {
  const res = await fetch(`${global}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
  return Number(body.data.result[0]?.value[1] ?? 0);
}

/** query_range requests the global Prometheus has served, from its own counter, once its next self-scrape has them. */
async function queryRangeHits(): Promise<number> {
  const after = Date.now() / 1000;
  await expect.poll(() => instant(`max(timestamp(up{${OWN}}))`), { timeout: 30_000 }).toBeGreaterThan(after);
  return instant(`sum(prometheus_http_requests_total{${OWN}, handler="/api/v1/query_range"}) or vector(0)`);
}

/** A static page on another loopback origin with one iframe of `src`. */
async function framingServer(port: number, src: string): Promise<http.Server> {
  const html = `<!doctype html><title>Runbook</title><h1>Runbook</h1><iframe id="embed" src="${src.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" width="640" height="320"></iframe>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

async function signedOutPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  return context.newPage();
}

function soloFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => f !== page.mainFrame());
}

/** Whether the frame's chart canvas has any painted (non-transparent) pixel. */
async function canvasPainted(frame: Frame): Promise<boolean> {
  return frame.evaluate(() =>
    [...document.querySelectorAll("canvas")].some((c) => {
      const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
      if (!data) return false;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    }),
  );
}

function expiredToken(): Promise<string> {
  const key = new Uint8Array(hkdfSync("sha256", E2E_AUTH_SECRET, "orrery", "orrery embed token v1", 32));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ uid: UID, panels: [2], ver: 1, vars: {}, time: { mode: "relative", maxSpanSeconds: 3600 } })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("orrery")
    .setAudience("orrery-embed")
    .setJti("22222222-2222-2222-2222-222222222222")
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(key);
}

let minted: { token: string; id: string; src: string; iframe: string };
const servers: http.Server[] = [];

test.describe("embedded panels", () => {
  test.beforeAll(async ({ request }) => {
    const existing = await request.get(`/api/dashboards/${UID}`);
    if (existing.status() === 404) expect((await request.post("/api/dashboards", { data: { dashboard: DASHBOARD } })).status()).toBe(201);
    const res = await request.post("/api/embed-tokens", {
      data: { uid: UID, panels: [2], variables: { cluster: ["east", "west"] }, time: { mode: "relative", maxSpan: "1h" }, ttl: "1d", theme: "dark" },
    });
    expect(res.status()).toBe(201);
    minted = await res.json();
    // Samples for the panel: the global server has scraped its federation a few times.
    await expect.poll(() => instant('count(up{cluster="east"})'), { timeout: 60_000 }).toBeGreaterThan(0);
  });

  test.afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  test("an allowed origin frames the panel by token, with no session: it renders and fills the iframe", async ({ browser }) => {
    servers.push(await framingServer(PORTS.allowed, `${BASE}${minted.src}`));
    const page = await signedOutPage(browser);
    await page.goto(`http://127.0.0.1:${PORTS.allowed}/`);
    await expect.poll(() => soloFrame(page)?.url() ?? "", { timeout: 30_000 }).toContain("/d-solo/");
    const frame = soloFrame(page)!;
    await expect(frame.getByRole("heading", { name: "Up in east" })).toBeVisible({ timeout: 30_000 });
    await expect(frame.locator("canvas").first()).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => canvasPainted(frame), { timeout: 20_000 }).toBe(true);
    // No chrome: no nav, and the panel fills the 640×320 iframe.
    await expect(frame.getByRole("navigation")).toHaveCount(0);
    const box = await frame.getByTestId("solo-panel").boundingBox();
    expect([Math.round(box!.width), Math.round(box!.height)]).toEqual([640, 320]);
    // theme=dark from the snippet applies inside the frame.
    expect(await frame.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await page.context().close();
  });

  test("an origin not in the allowlist is refused by Chromium (frame-ancestors): the panel never loads", async ({ browser }) => {
    servers.push(await framingServer(PORTS.blocked, `${BASE}${minted.src}`));
    const page = await signedOutPage(browser);
    const solo: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/d-solo/")) solo.push(r.url());
    });
    const blocked = page.waitForEvent("console", { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 20_000 }).catch(() => null);
    await page.goto(`http://127.0.0.1:${PORTS.blocked}/`);
    await page.waitForLoadState("load");
    const frame = soloFrame(page);
    // Chromium swaps the refused document for its error page: nothing of ours runs in the frame.
    const rendered = frame ? await frame.locator("[data-testid=solo-panel]").count().catch(() => 0) : 0;
    expect(rendered).toBe(0);
    expect(frame?.url() ?? "").not.toContain("/d-solo/");
    expect((await blocked)?.text()).toMatch(/frame-ancestors/);
    expect(solo).toEqual([]);
    await page.context().close();
  });

  test("variables and refresh come from the URL within the token's limits; other values get a message", async ({ browser }) => {
    const page = await signedOutPage(browser);
    const url = new URL(`${BASE}${minted.src}`);
    url.searchParams.set("var-cluster", "west");
    url.searchParams.set("refresh", "5s");
    const queries: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/d-solo/")) queries.push(r.url());
    });
    await page.goto(url.toString());
    await expect(page.getByRole("heading", { name: "Up in west" })).toBeVisible({ timeout: 30_000 });
    // Refreshes on its own (5 s): the same query again (the first one after the chart drew carries its plot area, pixel-grid.spec.ts).
    await expect.poll(() => queries.filter((q) => q.includes("plot_left_px=")).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(queries.every((q) => q.includes("var-cluster=west"))).toBe(true);
    url.searchParams.set("var-cluster", "secret");
    await page.goto(url.toString());
    await expect(page.getByTestId("solo-panel").getByRole("alert")).toContainText('cluster="secret"', { timeout: 30_000 });
    await expect(page.locator("canvas")).toHaveCount(0);
    await page.context().close();
  });

  test("tampered, expired, revoked and wrong-panel tokens, and a request carrying its own query: 401/403/400, no chart, nothing reaches Prometheus", async ({ browser, request }) => {
    test.setTimeout(120_000);
    const second = await request.post("/api/embed-tokens", { data: { uid: UID, panels: [2], time: { mode: "relative", maxSpan: "1h" }, ttl: "1h" } });
    const revoked = (await second.json()) as { token: string; id: string };
    expect((await request.delete(`/api/embed-tokens/${revoked.id}`)).status()).toBe(200);
    const [h, p, s] = minted.token.split(".");
    const cases: Array<[string, string, string, RegExp]> = [
      ["tampered", "2", `${h}.${p}.${s!.slice(0, -4)}AAAA`, /signature does not match/],
      ["expired", "2", await expiredToken(), /expired/],
      ["revoked", "2", revoked.token, /revoked/],
      ["wrong panel", "3", minted.token, /does not cover panel 3/],
    ];
    const before = await queryRangeHits();
    const page = await signedOutPage(browser);
    for (const [name, panelId, token, message] of cases) {
      await page.goto(`${BASE}/d-solo/${UID}/embed-e2e?panelId=${panelId}&from=now-15m&to=now&token=${encodeURIComponent(token)}`);
      await expect(page.getByTestId("solo-panel").getByRole("alert"), name).toContainText(message, { timeout: 30_000 });
      await expect(page.locator("canvas"), name).toHaveCount(0);
      const api = await page.request.get(`${BASE}/api/d-solo/${UID}/panels/${panelId}/query?from=now-15m&to=now`, { headers: { "x-orrery-embed-token": token } });
      expect([401, 403], name).toContain(api.status());
    }
    for (const extra of ["query=count(up)", "expr=count(up)", "match[]=up"]) {
      const api = await page.request.get(`${BASE}/api/d-solo/${UID}/panels/2/query?from=now-15m&${extra}`, { headers: { "x-orrery-embed-token": minted.token } });
      expect(api.status(), extra).toBe(400);
      expect((await api.json()).error.code).toBe("embed_query_not_allowed");
    }
    await page.context().close();
    expect(await queryRangeHits()).toBe(before);
  });

  test("the solo page loads its own small bundle: no CodeMirror and no grid code, unlike the dashboard page", async ({ page }) => {
    const scriptsOf = async (url: string, ready: () => Promise<void>) => {
      const seen = new Set<string>();
      const listener = (r: import("@playwright/test").Response) => {
        if (r.url().endsWith(".js")) seen.add(r.url());
      };
      page.on("response", listener);
      await page.goto(url);
      await ready();
      await page.waitForLoadState("networkidle");
      page.off("response", listener);
      const bodies = await Promise.all([...seen].map(async (u) => (await page.request.get(u)).text()));
      return { count: seen.size, codemirror: bodies.some((b) => /cm-content|@codemirror/.test(b)), grid: bodies.some((b) => /react-grid-layout|react-draggable/.test(b)) };
    };
    const solo = await scriptsOf(`${BASE}${minted.src}`, () => expect(page.locator("canvas").first()).toBeVisible({ timeout: 30_000 }));
    expect(solo).toMatchObject({ codemirror: false, grid: false });
    const dash = await scriptsOf(`/d/${UID}/embed-e2e`, () => expect(page.getByRole("region", { name: "Up in east" }).locator("canvas").first()).toBeVisible({ timeout: 30_000 }));
    // The same check finds them where they are: it is not vacuous.
    expect(dash).toMatchObject({ grid: true });
  });

  test("every page carries a nonce CSP and frame-ancestors 'none' except /d-solo; the API has nosniff and its own CSP", async ({ request }) => {
    const dash = await request.get(`/d/${UID}/embed-e2e`);
    const csp = dash.headers()["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    // Next put the nonce on its own scripts, and the theme script has it too.
    const html = await dash.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(1);
    expect(scripts.filter((t) => !t.includes(`nonce="${nonce}"`))).toEqual([]);
    expect(dash.headers()["x-content-type-options"]).toBe("nosniff");
    expect(dash.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const solo = await request.get(minted.src);
    expect(solo.headers()["content-security-policy"]).toContain(`frame-ancestors 'self' http://127.0.0.1:${PORTS.allowed}`);
    expect(solo.headers()["referrer-policy"]).toBe("no-referrer");
    const login = await request.get("/login");
    expect(login.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    const api = await request.get("/api/datasources");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    // Two requests, two nonces.
    const again = (await request.get(`/d/${UID}/embed-e2e`)).headers()["content-security-policy"]!;
    expect(/'nonce-([^']+)'/.exec(again)![1]).not.toBe(nonce);
  });
});
