import http from "node:http";
import { expect, test, type Frame, type Page } from "@playwright/test";
import { e2eBaseUrl } from "../scripts/stack";
import { e2eEmbedOriginPorts } from "../test/oidc/e2e-config";
import { SAME_ORIGIN_HEADERS, SIGNED_OUT } from "./auth";
import { ApiDashboards, dashboardDoc, expectPanelDrawn, panel, waitForFederatedScrapes } from "./pages/dashboards";

// The share dialog's Embed tab (issue 6), as a user goes through it: Share → Embed on a panel, pin
// the variable, create the embed, take the snippet it shows, paste it into a page of an allowed
// origin (auth.embed.allowedOrigins of the e2e config, see e2e/embed.spec.ts) and see the panel
// there with no session; then revoke the token in the same tab and see the embed refused.

test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

const BASE = e2eBaseUrl();
const ALLOWED = e2eEmbedOriginPorts(BASE).allowed;
const uid = `share-embed-${Date.now().toString(36)}`;
const made = new ApiDashboards();
let server: http.Server | undefined;

test.beforeAll(async ({ request }) => {
  await made.create(
    request,
    dashboardDoc(uid, "Share embed e2e", {
      time: { from: "now-15m", to: "now" },
      templating: { list: [{ name: "cluster", type: "custom", query: "east,west", current: { value: "east" } }] },
      panels: [
        { id: 4, type: "timeseries", title: "Up in $cluster", datasource: "global", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: 'sum by (cluster) (up{cluster="$cluster"})' }] },
      ],
    }),
  );
  await waitForFederatedScrapes(request, 90_000, 2);
});

test.afterAll(async ({ request }) => {
  if (server) await new Promise((resolve) => server!.close(resolve));
  await made.deleteAll(request);
});

/** A page of the allowed origin holding `snippet` as pasted: the HTML the Embed tab showed. */
async function pastedInto(snippet: string): Promise<http.Server> {
  const html = `<!doctype html><title>Runbook</title><h1>Runbook</h1>${snippet}`;
  const s = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => s.listen(ALLOWED, "127.0.0.1", resolve));
  return s;
}

function embedFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => f !== page.mainFrame() && f.url().includes("/d-solo/"));
}

test("the Embed tab mints a token for the panel; its snippet, pasted on an allowed origin, shows the panel; revoking it there stops it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.goto(`/d/${uid}?from=now-15m&to=now&var-cluster=east`);
  await expectPanelDrawn(page, "Up in east", 60_000);

  await panel(page, "Up in east").getByRole("button", { name: "Panel menu" }).click();
  await page.getByRole("menuitem", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Share panel/ });
  await dialog.getByRole("tab", { name: "Embed" }).click();
  await expect(dialog.getByRole("tab", { name: "Embed" })).toHaveAttribute("aria-selected", "true");
  const tokens = dialog.getByRole("region", { name: "Embed tokens of this dashboard" });
  await expect(tokens.getByText("None yet.")).toBeVisible({ timeout: 20_000 });
  // The variable in view is offered, pinned to its current value.
  await expect(dialog.getByRole("checkbox", { name: "cluster = east" })).toBeChecked();
  await dialog.getByLabel("Expires after").selectOption("1d");
  await dialog.getByRole("button", { name: "Create embed" }).click();

  const snippetBox = dialog.getByRole("textbox", { name: "Embed snippet" });
  await expect(snippetBox).toBeVisible({ timeout: 20_000 });
  const snippet = await snippetBox.inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+" width="\d+" height="\d+" title="[^"]*"[^>]*><\/iframe>$/);
  // The iframe's URL as a browser reads the snippet's (escaped) attribute.
  const src = new URL(await page.evaluate((html) => new DOMParser().parseFromString(html, "text/html").querySelector("iframe")?.src ?? "", snippet));
  expect(src.origin).toBe(BASE);
  expect(src.pathname.startsWith(`/d-solo/${uid}/`)).toBe(true);
  expect(src.searchParams.get("panelId")).toBe("4");
  expect(src.searchParams.getAll("var-cluster")).toEqual(["east"]);
  expect(src.searchParams.get("token")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  // The new token is listed in the tab, made by the signed-in admin.
  await expect(tokens.getByRole("listitem")).toHaveCount(1);
  await expect(tokens.getByRole("listitem")).toContainText("panels 4 · by admin");

  // Pasted into a page of the allowed origin, opened with no Orrery session: the panel renders.
  server = await pastedInto(snippet);
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const outside = await context.newPage();
  await outside.goto(`http://127.0.0.1:${ALLOWED}/`);
  await expect.poll(() => embedFrame(outside)?.url() ?? "", { timeout: 30_000 }).toContain(`/d-solo/${uid}/`);
  const frame = embedFrame(outside)!;
  await expect(frame.getByRole("heading", { name: "Up in east" })).toBeVisible({ timeout: 30_000 });
  await expect(frame.locator("canvas").first()).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByRole("navigation")).toHaveCount(0);

  // Revoke from the same tab: the list says so, and the pasted embed is refused from then on.
  await tokens.getByRole("button", { name: /^Revoke token / }).click();
  await expect(tokens.getByRole("listitem")).toContainText("revoked", { timeout: 20_000 });
  await expect(tokens.getByRole("button", { name: /^Revoke token / })).toHaveCount(0);
  await outside.reload();
  await expect.poll(() => embedFrame(outside)?.url() ?? "", { timeout: 30_000 }).toContain(`/d-solo/${uid}/`);
  const refused = embedFrame(outside)!;
  await expect(refused.getByTestId("solo-panel").getByRole("alert")).toContainText(/revoked/, { timeout: 30_000 });
  await expect(refused.locator("canvas")).toHaveCount(0);
  await context.close();
});
