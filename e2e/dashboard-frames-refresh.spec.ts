import { expect, test, type Page } from "@playwright/test";
import { expectPanelDrawn, OVERVIEW, waitForFederatedScrapes } from "./pages/dashboards";
import { watchAnswers, watchQueries } from "./pages/panel-queries";

// Issue 7 (client): dashboard panels fetch range queries as frames (time series lines with their
// pixel width, for server-side M4), and a hidden tab does not auto-refresh but refreshes once when
// it is visible again. document.visibilityState is driven by the test (headless Chromium never hides).

// Range queries sent, alone or in a batch (POST /api/queries): their forms.
function rangeRequests(page: Page): { list: URLSearchParams[]; stop: () => void } {
  const watched = watchQueries(page, "query_range");
  return {
    get list() {
      return watched.list.map((q) => q.form);
    },
    stop: watched.stop,
  };
}

async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((h) => {
    (window as unknown as { __hidden: boolean }).__hidden = h;
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

// As dashboard-view.spec.ts: wait until the global server has a few federated scrapes.
test.beforeAll(async ({ request }) => {
  await waitForFederatedScrapes(request, 90_000);
});

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __hidden?: boolean };
    Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (w.__hidden ? "hidden" : "visible") });
    Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => Boolean(w.__hidden) });
  });
});

test("panels ask for frames; time series lines name their pixel width", async ({ page }) => {
  test.setTimeout(120_000);
  const seen = rangeRequests(page);
  const answers = watchAnswers(page, "query_range");
  await page.goto(`${OVERVIEW}?from=now-1h&to=now`);
  await expectPanelDrawn(page, "Targets up by cluster", 60_000);
  seen.stop();
  const forms = seen.list;
  expect(forms.length).toBeGreaterThan(0);
  // Binary frames by default (lib/promql/frames/binary-format.ts).
  for (const f of forms) expect(f.get("format")).toBe("frames-bin");
  const widths = forms.flatMap((f) => (f.has("width") ? [Number(f.get("width"))] : []));
  expect(widths.length).toBeGreaterThan(0);
  for (const w of widths) expect(w % 128).toBe(0);
  answers.stop();
  expect((await Promise.all(answers.answers)).flat().filter((a) => a.headers["x-orrery-format"] === "frames-bin").length).toBeGreaterThan(0);
});

test("a hidden tab skips auto-refresh and refreshes once when visible again", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${OVERVIEW}?from=now-1h&to=now&refresh=10s`);
  await expectPanelDrawn(page, "Targets up by cluster", 60_000);
  // Visible: the 10 s refresh sends range queries again.
  const visible = rangeRequests(page);
  await expect.poll(() => visible.list.length, { timeout: 30_000 }).toBeGreaterThan(0);
  visible.stop();
  // Hidden: nothing for three refresh intervals (requests already in flight may finish first).
  await setHidden(page, true);
  await page.waitForTimeout(1_000);
  const hidden = rangeRequests(page);
  await page.waitForTimeout(25_000);
  hidden.stop();
  expect(hidden.list).toHaveLength(0);
  // Visible again: one refresh at once, without waiting for the next interval tick.
  const back = rangeRequests(page);
  await setHidden(page, false);
  await expect.poll(() => back.list.length, { timeout: 8_000 }).toBeGreaterThan(0);
  back.stop();
});
