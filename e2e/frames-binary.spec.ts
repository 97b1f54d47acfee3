import { expect, test, type Page, type Response } from "@playwright/test";
import type { FramesData } from "@/lib/promql/frames/decode";
import { BINARY_MEDIA_TYPE } from "@/lib/promql/frames/binary-format";
import { FRAMES_WIRE_STORAGE_KEY } from "@/lib/promql/frames/client";
import { readBinaryFramesAnswer, readFramesAnswer } from "@/lib/promql/frames/read";

// Issue 7 B7: dashboard panels receive binary frames (lib/promql/frames/binary-format.ts) and draw
// exactly what they draw from JSON frames. One absolute past range, loaded twice: binary (the
// default), then JSON frames (the browser's debugging switch in localStorage); the same query
// answers decode to the same columns, and the time-series panel's canvas is the same, pixel for pixel.
const OVERVIEW = "/d/federation-overview/prometheus-federation-overview";
const PANEL = "Targets up by cluster";

test.beforeAll(async ({ request }) => {
  await expect
    .poll(async () => {
      const res = await request.get("/api/ds/global/api/v1/query", { params: { query: 'min(count_over_time(up{job="federate"}[10m]))' } });
      const body = await res.json();
      return Number(body.data?.result?.[0]?.value?.[1] ?? 0);
    }, { timeout: 90_000 })
    .toBeGreaterThanOrEqual(4);
});

interface Seen {
  key: string;
  contentType: string;
  encoding: string | null;
  format: string | null;
  body: Buffer;
}

function rangeAnswers(page: Page): Promise<Seen>[] {
  const seen: Promise<Seen>[] = [];
  page.on("response", (res: Response) => {
    if (!res.url().includes("/api/v1/query_range") || res.status() !== 200) return;
    const form = new URLSearchParams(res.request().postData() ?? "");
    const key = ["query", "start", "end", "step", "width"].map((k) => `${k}=${form.get(k)}`).join("&");
    seen.push(res.body().then((body) => ({ key, contentType: res.headers()["content-type"] ?? "", encoding: res.headers()["content-encoding"] ?? null, format: res.headers()["x-orrery-format"] ?? null, body })));
  });
  return seen;
}

const columns = (data: FramesData) =>
  data.series.map((s) => ({ labels: s.labels, x: Array.from(s.x), y: Array.from(s.y, (v) => (v === 0 ? 0 : Number.isNaN(v) ? "NaN" : v)) }));

async function load(page: Page, url: string) {
  const seen = rangeAnswers(page);
  await page.goto(url);
  const canvas = page.getByRole("region", { name: PANEL, exact: true }).locator("canvas").first();
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  // Every panel's queries answered and drawn.
  await expect(page.locator("section[data-panel-id] [role=status][aria-label=Loading]")).toHaveCount(0, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const image = await canvas.screenshot();
  return { answers: await Promise.all(seen), image };
}

test("time-series panels receive binary frames and draw the same series as from JSON frames", async ({ page, request }) => {
  test.setTimeout(240_000);
  // A finished past range (30 s ago: every federated sample up to it has arrived), so both loads see
  // the same samples; on a fresh stack, wait until it holds a few federated scrapes.
  let to = 0;
  await expect
    .poll(async () => {
      to = Math.floor((Date.now() - 30_000) / 10_000) * 10_000;
      const res = await request.get("/api/ds/global/api/v1/query", { params: { query: 'min(count_over_time(up{job="federate"}[2m]))', time: String(to / 1000) } });
      const body = await res.json();
      return Number(body.data?.result?.[0]?.value?.[1] ?? 0);
    }, { timeout: 120_000 })
    .toBeGreaterThanOrEqual(3);
  const url = `${OVERVIEW}?from=${to - 5 * 60_000}&to=${to}`;

  const binary = await load(page, url);
  const bin = binary.answers.filter((a) => a.format === "frames-bin");
  expect(bin.length).toBeGreaterThan(0);
  for (const a of bin) expect(a.contentType).toBe(BINARY_MEDIA_TYPE);
  // As the B7 bench counts it: next start does not compress the binary type (it gzips +json ones).
  for (const a of bin) expect(a.encoding).toBeNull();

  await page.evaluate((key) => localStorage.setItem(key, "json"), FRAMES_WIRE_STORAGE_KEY);
  const json = await load(page, url);
  await page.evaluate((key) => localStorage.removeItem(key), FRAMES_WIRE_STORAGE_KEY);
  expect(json.answers.filter((a) => a.format === "frames-bin")).toHaveLength(0);
  const bigJson = json.answers.filter((a) => a.format === "frames" && a.body.length > 2048);
  for (const a of bigJson) expect(a.encoding).toBe("gzip");
  const byKey = new Map(json.answers.filter((a) => a.format === "frames").map((a) => [a.key, a]));

  let compared = 0;
  let points = 0;
  for (const a of bin) {
    const other = byKey.get(a.key);
    if (!other) continue;
    const fromBinary = readBinaryFramesAnswer(200, new Uint8Array(a.body), a.key).data as FramesData;
    const fromJson = readFramesAnswer(200, other.body.toString("utf8"), a.key).data as FramesData;
    expect(columns(fromBinary), a.key).toEqual(columns(fromJson));
    compared++;
    points += fromBinary.series.reduce((n, s) => n + s.x.length, 0);
  }
  expect(compared).toBeGreaterThan(0);
  expect(points).toBeGreaterThan(0);
  // The panel drew the same thing from either body.
  expect(Buffer.compare(binary.image, json.image)).toBe(0);
});
