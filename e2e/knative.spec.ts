import { expect, test, type Page } from "@playwright/test";

// /knative against the test stack's Knative simulator: east exports the OpenCensus-era names
// (autoscaler_*), west the OpenTelemetry-era ones (kn_revision_*), global federates both.
// media/thumbnailer-00002 is the bursty revision (a burst every 10 minutes), so any hour of
// history holds panic periods.

const BURSTY = "ns=media&svc=thumbnailer&rev=thumbnailer-00002&from=now-1h&to=now";

// Each page runs about a dozen range queries over an hour of 2 s data on a shared machine.
test.describe.configure({ timeout: 120_000 });

async function revisionOptions(page: Page): Promise<string[]> {
  const picker = page.getByLabel("Revision", { exact: true });
  await expect(picker).toBeVisible({ timeout: 45_000 });
  return picker.locator("option").allTextContents();
}

test("east lists the simulated revisions from the OpenCensus names, west from the OTel names", async ({ page }) => {
  await page.goto(`/knative?ds=east&${BURSTY}`);
  await expect(page.getByTestId("knative-metric-sets")).toHaveText(/OpenCensus/, { timeout: 45_000 });
  await expect(page.getByTestId("knative-metric-sets")).not.toHaveText(/OpenTelemetry/);
  expect(await revisionOptions(page)).toContain("thumbnailer-00002 (OpenCensus)");
  await expect(page.getByLabel("Namespace", { exact: true }).locator("option")).toContainText(["default", "media", "shop"]);

  await page.goto(`/knative?ds=west&${BURSTY}`);
  await expect(page.getByTestId("knative-metric-sets")).toHaveText(/OpenTelemetry/, { timeout: 45_000 });
  await expect(page.getByTestId("knative-metric-sets")).not.toHaveText(/OpenCensus/);
  expect(await revisionOptions(page)).toContain("thumbnailer-00002 (OTel)");

  // Global federates both leaves: the same revision once per metric set, as mid-upgrade.
  await page.goto(`/knative?ds=global&${BURSTY}`);
  await expect(page.getByTestId("knative-metric-sets")).toHaveText(/OpenCensus .* and OpenTelemetry/, { timeout: 45_000 });
  expect(await revisionOptions(page)).toEqual(expect.arrayContaining(["thumbnailer-00002 (OpenCensus)", "thumbnailer-00002 (OTel)"]));
});

for (const [ds, set] of [
  ["east", "opencensus"],
  ["west", "otel"],
] as const) {
  test(`${ds}: the bursty revision's charts draw, with panic bands and the reason at entry (${set})`, async ({ page }) => {
    await page.goto(`/knative?ds=${ds}&${BURSTY}&set=${set}`);
    await expect(page.getByTestId("knative-revision-heading")).toContainText("thumbnailer-00002", { timeout: 45_000 });

    for (const chart of ["concurrency", "pods", "requests", "latency"]) {
      const section = page.getByTestId(`knative-chart-${chart}`);
      await expect(section).toHaveAttribute("data-state", "ready", { timeout: 45_000 });
      await expect(section.getByRole("img")).toBeVisible({ timeout: 15_000 });
    }
    const concurrency = page.getByTestId("knative-chart-concurrency");
    await expect(concurrency.getByRole("img")).toHaveAccessibleName(/Per-pod concurrency of thumbnailer-00002/);
    // The hard limit is drawn when configured, and the chart says so when it is not.
    await expect(concurrency.getByText(/containerConcurrency \(hard limit\)|containerConcurrency unknown/).first()).toBeVisible();

    const bands = concurrency.getByTestId("knative-panic-band");
    await expect(bands.first()).toBeVisible();
    expect(await bands.count()).toBeGreaterThanOrEqual(2);
    // A band that began before the range has no entry to explain ("already in panic at the start of
    // the range", depending on where the simulator's bursts fall): the reason is read off one that began inside it.
    const entered = bands.filter({ hasNotText: "already in panic at the start of the range" });
    await expect(entered.first()).toHaveText(/panic: (\d+s average [\d.]+ ≥ [\d.]+ × \d+ pods? × [\d.]+ target|began between samples)/);
    await expect(page.getByTestId("knative-event-counts")).toHaveText(/^[1-9]\d* panic periods?;/);
    // The URL keeps the selection for sharing.
    await expect(page).toHaveURL(/[?&]rev=thumbnailer-00002/);
  });
}

test("picking another revision updates the URL and the charts", async ({ page }) => {
  await page.goto(`/knative?ds=east&${BURSTY}`);
  await expect(page.getByTestId("knative-revision-heading")).toContainText("thumbnailer-00002", { timeout: 45_000 });
  await page.getByLabel("Namespace", { exact: true }).selectOption("shop");
  await page.getByLabel("Service", { exact: true }).selectOption("checkout");
  await expect(page).toHaveURL(/[?&]ns=shop&svc=checkout&rev=checkout-00001/);
  await expect(page.getByTestId("knative-revision-heading")).toContainText("checkout-00001", { timeout: 45_000 });
  await expect(page.getByTestId("knative-chart-pods")).toHaveAttribute("data-state", "ready", { timeout: 45_000 });
});

test("the knative-concurrency panel type draws in the provisioned dashboard", async ({ page }) => {
  await page.goto("/d/knative/knative-revisions?var-ds=east&var-namespace=media&var-revision=thumbnailer-00002&from=now-1h&to=now");
  await expect(page.getByRole("img", { name: /Per-pod concurrency of thumbnailer-00002/ })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole("img", { name: /Pod counts of thumbnailer-00002/ })).toBeVisible({ timeout: 45_000 });
});
