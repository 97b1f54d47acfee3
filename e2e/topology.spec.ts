import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createService, expectedTestStackUrls, type Service, type SinglePrometheus, startSinglePrometheus, testPortBase } from "../scripts/stack";
import { E2E_ADMIN_PASSWORD, e2eAuthConfig } from "../test/oidc/e2e-config";

// The topology page against the real federation stack (global federating east and west).

test("the topology page shows the federation, a node's details, and a link into Explore", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/topology?ds=global");
  await expect(page.getByRole("img", { name: /Topology graph of \d+ nodes/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("topology-summary")).toContainText("3 servers");
  await expect(page.getByTestId("topology-summary")).not.toContainText("down");
  await expect(page.getByTestId("topology-summary")).toContainText("worst federation lag");

  const nodes = page.getByRole("navigation", { name: "Topology nodes" });
  await expect(nodes.getByRole("button", { name: "West leaf (up)" })).toBeVisible();

  // Filtering by an external label keeps that leaf and its neighbours, and goes into the URL.
  await page.getByRole("searchbox", { name: "Filter" }).fill("cluster=east");
  await expect(page).toHaveURL(/q=cluster%3Deast/);
  await expect(nodes.getByRole("button", { name: "West leaf (up)" })).toHaveCount(0);
  await expect(nodes.getByRole("button", { name: /^Global \(federation\)/ })).toBeVisible();
  await page.getByRole("checkbox", { name: "Collapse scrape jobs" }).check();
  await expect(page).toHaveURL(/jobs=collapsed/);
  await page.getByRole("searchbox", { name: "Filter" }).fill("");
  await nodes.getByRole("button", { name: "East leaf (up)" }).click();
  await expect(page).toHaveURL(/node=/);
  const details = page.getByRole("complementary", { name: /^Details of / });
  await expect(details).toContainText("Health: up");
  await expect(details).toContainText("federates");
  await expect(details).toContainText(new URL(expectedTestStackUrls().east).host);

  const explore = details.getByRole("link", { name: /in Explore$/ });
  await expect(explore).toHaveAttribute("href", /expr=up%7Bjob%3D%22federate%22/);
  await explore.click();
  await expect(page).toHaveURL(/\/explore\?/);
  await expect(page.getByRole("textbox", { name: "PromQL expression" })).toContainText('up{job="federate"');
});

// Demo-level check with a private federation (the shared stack's servers belong to other specs):
// a leaf and a parent Prometheus, and a second `next start` configured with both. Stopping the leaf
// turns its node red on the very next automatic refresh of the page, restarting it turns it green.
test.describe("a stopped leaf", () => {
  const base = testPortBase() + 60;
  const ports = { app: base + 1, leaf: base + 2, parent: base + 3 };
  const app = `http://127.0.0.1:${ports.app}`;
  let dir: string;
  let leaf: SinglePrometheus;
  let parent: SinglePrometheus;
  let server: Service;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(path.join(tmpdir(), "orrery-topology-e2e-"));
    leaf = await startSinglePrometheus({ dir: path.join(dir, "leaf"), port: ports.leaf, name: "topology-e2e-leaf", externalLabels: { cluster: "scratch" }, scrapeInterval: "1s", retention: "1d" });
    parent = await startSinglePrometheus({
      dir: path.join(dir, "parent"),
      port: ports.parent,
      name: "topology-e2e-parent",
      scrapeInterval: "1s",
      retention: "1d",
      scrapeJobs: [{ job_name: "federate", honor_labels: true, metrics_path: "/federate", params: { "match[]": ['{job="prometheus"}'] }, static_configs: [{ targets: [`127.0.0.1:${ports.leaf}`] }] }],
    });
    const config = path.join(dir, "orrery.config.json");
    writeFileSync(config, JSON.stringify({
      datasources: [
        { id: "parent", name: "Scratch parent", type: "prometheus", url: parent.url, default: true },
        { id: "leaf", name: "Scratch leaf", type: "prometheus", url: leaf.url, timeout: "2s" },
      ],
      // The main e2e app's secret, and an admin created here: the signed-in browser state works on this app too.
      auth: e2eAuthConfig(app),
    }));
    server = createService({
      name: "topology-e2e-app",
      port: ports.app,
      command: "./node_modules/.bin/next",
      args: ["start", "-H", "127.0.0.1", "-p", String(ports.app)],
      env: { ORRERY_CONFIG: config, ORRERY_DATA_DIR: path.join(dir, "data"), ORRERY_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD, NEXT_TELEMETRY_DISABLED: "1" },
      logFile: path.join(dir, "app.log"),
      readyUrl: `${app}/api/auth/providers`,
      readyTimeoutMs: 60_000,
    });
    await server.start();
  });

  test.afterAll(async () => {
    await server?.stop();
    await parent?.stop();
    await leaf?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("turns red within one refresh of the page and green again after a restart", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`${app}/topology?ds=parent`);
    const leafButton = page.getByRole("navigation", { name: "Topology nodes" }).getByRole("button", { name: /^Scratch leaf \(/ });
    await expect(leafButton).toHaveAttribute("data-health", "up", { timeout: 30_000 });

    // The first discovery that starts after the stop must show the leaf down: no reload, no second refresh.
    await leaf.stop();
    const afterStop = await (await page.waitForRequest((r) => r.url().includes("/api/topology"), { timeout: 20_000 })).response();
    const downBody = (await afterStop!.json()) as { nodes: { datasourceId?: string; health: string; healthReason?: string }[] };
    expect(downBody.nodes.find((n) => n.datasourceId === "leaf")).toMatchObject({ health: "down", healthReason: expect.stringMatching(/connection refused/) });
    await expect(leafButton).toHaveAttribute("data-health", "down");
    await expect(page.getByTestId("topology-summary")).toContainText("1 down");
    await leafButton.click();
    await expect(page.getByRole("complementary", { name: "Details of Scratch leaf" })).toContainText("connection refused");

    await leaf.start();
    const afterStart = await (await page.waitForRequest((r) => r.url().includes("/api/topology"), { timeout: 20_000 })).response();
    const upBody = (await afterStart!.json()) as { nodes: { datasourceId?: string; health: string }[] };
    expect(upBody.nodes.find((n) => n.datasourceId === "leaf")?.health).toBe("up");
    await expect(leafButton).toHaveAttribute("data-health", "up");
    await expect(page.getByTestId("topology-summary")).not.toContainText("down");
  });
});
