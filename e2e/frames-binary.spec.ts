import { expect, test, type Page, type Response } from "@playwright/test";
import type { FramesData } from "@/lib/promql/frames/decode";
import { compressBinaryFrame } from "@/lib/promql/frames/binary-compress";
import { inflateBinaryFrame } from "@/lib/promql/frames/binary-decode";
import { BINARY_MEDIA_TYPE, DEFLATE_MIN_BYTES, FLAG_DEFLATE } from "@/lib/promql/frames/binary-format";
import { FRAMES_WIRE_STORAGE_KEY } from "@/lib/promql/frames/client";
import { readBinaryFramesAnswer, readFramesAnswer } from "@/lib/promql/frames/read";
import { answersOf } from "./pages/panel-queries";

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

// Range query answers, alone or parts of a batch (POST /api/queries: e2e/pages/panel-queries.ts).
function rangeAnswers(page: Page): Promise<Seen[]>[] {
  const seen: Promise<Seen[]>[] = [];
  page.on("response", (res: Response) => {
    const answer = answersOf(res).then((answers) =>
      answers
        // The page's own answers: on a repeat visit the HTML's early batch (ids "e<n>", planned on the
        // server in the default binary wire) comes too, whatever the page's wire switch says; the page
        // then sends its JSON-frame queries itself, alone (lib/promql/batch/client.ts).
        .filter((a) => a.query.endpoint === "query_range" && a.status === 200 && !a.query.id?.startsWith("e"))
        .map((a) => {
          const key = ["query", "start", "end", "step", "width"].map((k) => `${k}=${a.query.form.get(k)}`).join("&");
          return { key, contentType: a.headers["content-type"] ?? "", encoding: a.encoding, format: a.headers["x-orrery-format"] ?? null, body: a.body };
        }),
    );
    answer.catch(() => undefined); // surfaces at Promise.all, not as an unhandled rejection
    seen.push(answer);
  });
  return seen;
}

const columns = (data: FramesData) =>
  data.series.map((s) => ({ labels: s.labels, x: Array.from(s.x), y: Array.from(s.y, (v) => (v === 0 ? 0 : Number.isNaN(v) ? "NaN" : v)), gaps: s.gaps && Array.from(s.gaps) }));

async function load(page: Page, url: string) {
  const seen = rangeAnswers(page);
  await page.goto(url);
  const canvas = page.getByRole("region", { name: PANEL, exact: true }).locator("canvas").first();
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  // Every panel's queries answered and drawn.
  await expect(page.locator("section[data-panel-id] [role=status][aria-label=Loading]")).toHaveCount(0, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const image = await canvas.screenshot();
  return { answers: (await Promise.all(seen)).flat(), image };
}

test("a large binary answer comes deflated and the browser inflates it with DecompressionStream", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  // 3 h at 1 s: 10 801 points of t/3 (binary64 values: about 86 KB uncompressed), no stored data needed.
  const end = Math.floor(Date.now() / 1000);
  const got = await page.evaluate(async ({ end }) => {
    const form = new URLSearchParams({ query: "time() / 3", start: String(end - 10_800), end: String(end), step: "1", format: "frames-bin" });
    const res = await fetch("/api/ds/global/api/v1/query_range", { method: "POST", body: form });
    const body = new Uint8Array(await res.arrayBuffer());
    const length = new DataView(body.buffer).getUint32(56, true);
    const stream = new Blob([body.subarray(60)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    const inflated = new Uint8Array(await new Response(stream).arrayBuffer());
    return { type: res.headers.get("content-type"), encoding: res.headers.get("content-encoding"), flags: body[5]!, sent: body.length, length, inflated: inflated.length };
  }, { end });
  expect(got.type).toBe(BINARY_MEDIA_TYPE);
  expect(got.encoding).toBeNull();
  expect(got.flags & FLAG_DEFLATE).toBe(FLAG_DEFLATE);
  expect(got.inflated).toBe(got.length);
  expect(got.length).toBeGreaterThan(80_000);
  expect(got.sent).toBeLessThan(got.length * 0.9);
});

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
  // next start does not gzip the binary type (it gzips +json ones): the format compresses itself.
  // Each body carries the DEFLATE flag exactly when the server's rule says so (larger than 16 KB
  // uncompressed, deflate saving ≥ 10%): re-encoding its inflated form gives the same bytes.
  for (const a of bin) {
    expect(a.encoding).toBeNull();
    const body = new Uint8Array(a.body);
    const inflated = await inflateBinaryFrame(body);
    if (body[5]! & FLAG_DEFLATE) {
      expect(inflated.length).toBeGreaterThan(DEFLATE_MIN_BYTES);
      expect(body.length).toBeLessThanOrEqual(inflated.length * 0.9);
    } else expect(inflated).toBe(body);
    expect(Buffer.from(compressBinaryFrame(inflated)).equals(a.body), a.key).toBe(true);
  }

  await page.evaluate((key) => localStorage.setItem(key, "json"), FRAMES_WIRE_STORAGE_KEY);
  const json = await load(page, url);
  await page.evaluate((key) => localStorage.removeItem(key), FRAMES_WIRE_STORAGE_KEY);
  expect(json.answers.filter((a) => a.format === "frames-bin")).toHaveLength(0);
  // JSON frames are gzipped by next start from query.compressMinBytes (4,096 bytes by default) up;
  // smaller answers are marked no-transform and sent as they are (lib/http/compression.ts).
  for (const a of json.answers.filter((x) => x.format === "frames")) expect(a.encoding, `${a.key}: ${a.body.length} bytes`).toBe(a.body.length >= 4096 ? "gzip" : null);
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
