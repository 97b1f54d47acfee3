// Page benchmarks B5 (a 20-panel dashboard: navigation → every panel painted, long tasks) and B6
// (/d-solo: JavaScript bytes and time to the panel painted, cold) in headless Chromium (the system
// one), against a running `next start` of this tree, signed in as admin. A chart counts as painted
// when it has drawn an option holding data (components/charts/echart.tsx sets CHART_PAINTED_MARK).
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page, type Response } from "@playwright/test";
import { CHART_PAINTED_MARK } from "@/components/charts/painted-mark";
import { signInCookie } from "../../e2e/auth";
import { chromiumPath } from "../stack";
import { mainThreadTasks, milestones, READ_PAGE_TIMINGS, timeByKind, type MainTask, type Milestones, type PageTimings, type TraceEvent, type WorkKind } from "./page-trace";
import { fmt, median, percentile, table } from "./stats";

export interface PageBenchOptions {
  /** e.g. http://127.0.0.1:38092; the server must know the datasource and the admin password. */
  baseUrl: string;
  datasource: string;
  adminPassword: string;
  runs: number;
  log: (msg: string) => void;
}

const PANELS = 20;
export const PAGE_BENCH_VIEWPORT = { width: 1600, height: 1300 };
const VIEWPORT = PAGE_BENCH_VIEWPORT;
export const LAUNCH_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const PAINT_TIMEOUT_MS = 120_000;
/** What the trace records: main-thread tasks and their parts (script evaluation, JS calls, layout, paint, GC), user timing. */
const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8", "v8.execute", "blink.user_timing", "loading", "__metadata"];
/** After the last panel painted, long tasks still being reported (observer delivery is async). */
const SETTLE_MS = 700;

/** 20 time series panels, 4 per row, all within the viewport: 10 of one series, 5 rates, 5 of all 20 series. */
export function benchDashboard(uid: string, datasource: string) {
  const panels = Array.from({ length: PANELS }, (_, i) => {
    const expr = i % 4 === 3 ? "orrery_prop_gauge" : i % 2 === 0 ? `orrery_prop_gauge{s="s${i}"}` : `rate(orrery_prop_total{s="s${i}"}[5m])`;
    return { id: i + 1, type: "timeseries", title: `Panel ${i + 1}`, datasource, gridPos: { x: (i % 4) * 6, y: Math.floor(i / 4) * 7, w: 6, h: 7 }, targets: [{ refId: "A", expr }] };
  });
  return { schemaVersion: 1, uid, title: "Bench B5", time: { from: "now-6h", to: "now" }, panels };
}

interface LongTask {
  start: number;
  duration: number;
}

interface NavResult {
  /** ms from navigation start to each chart's painted mark, ascending. */
  painted: number[];
  longTasks: LongTask[];
  /** setOption calls of all charts (echart.tsx counts them in data-chart-draws), up to the settle. */
  draws: number;
  /** Script responses: url, bytes on the wire (as served), decoded bytes, gzip of the decoded bytes. */
  scripts: { url: string; wire: number; raw: number; gzip: number }[];
  timings: PageTimings;
  /** Main-thread tasks up to the last paint, when the navigation was traced. */
  tasks?: MainTask[];
}

// Installed before any page script: long tasks from the start of the navigation (buffered as well).
const OBSERVE_LONG_TASKS = () => {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
};

async function scriptSizes(res: Response): Promise<NavResult["scripts"][number] | null> {
  if (res.request().resourceType() !== "script") return null;
  const body = await res.body().catch(() => null);
  if (!body) return null;
  const sizes = await res.request().sizes().catch(() => null);
  return { url: new URL(res.url()).pathname, wire: sizes?.responseBodySize ?? body.length, raw: body.length, gzip: gzipSync(body).length };
}

/** One navigation in a new page of `context`: until `charts` charts have painted, plus a short settle. */
async function navigate(context: BrowserContext, url: string, charts: number, trace?: Browser): Promise<NavResult> {
  const page: Page = await context.newPage();
  try {
    if (trace) await trace.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.addInitScript(OBSERVE_LONG_TASKS);
    const pending: Promise<NavResult["scripts"][number] | null>[] = [];
    page.on("response", (res) => pending.push(scriptSizes(res)));
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(([name, n]) => performance.getEntriesByName(name as string).length >= (n as number), [CHART_PAINTED_MARK, charts] as const, { timeout: PAINT_TIMEOUT_MS, polling: 50 });
    await page.waitForTimeout(SETTLE_MS);
    const traced = trace ? (JSON.parse((await trace.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents : null;
    const timings = await page.evaluate(READ_PAGE_TIMINGS, CHART_PAINTED_MARK);
    const { painted, longTasks, draws } = await page.evaluate((name) => ({
      painted: performance.getEntriesByName(name).map((e) => e.startTime).sort((a, b) => a - b),
      longTasks: (window as unknown as { __longTasks: LongTask[] }).__longTasks,
      draws: [...document.querySelectorAll<HTMLElement>("[data-chart-draws]")].reduce((n, el) => n + Number(el.dataset.chartDraws), 0),
    }), CHART_PAINTED_MARK);
    const scripts = (await Promise.all(pending)).filter((s): s is NonNullable<typeof s> => s !== null);
    const result: NavResult = { painted: painted.slice(0, charts), longTasks, draws, scripts, timings };
    if (traced) result.tasks = mainThreadTasks(traced, painted[charts - 1] ?? Number.POSITIVE_INFINITY);
    return result;
  } finally {
    await page.close();
  }
}

export interface B5Run {
  cache: "warm" | "cold";
  allPaintedMs: number;
  firstPaintedMs: number;
  /** Total blocking time (Σ max(0, duration − 50 ms)) of long tasks that start before the last panel painted. */
  tbtMs: number;
  longestMs: number;
  longTasks: number;
  draws: number;
  milestones: Milestones;
}

export interface PageBenchResult {
  chromium: string;
  b5: B5Run[];
  /** One extra warm navigation under a Chromium trace: its main-thread tasks up to the last paint. */
  traced: { milestones: Milestones; tasks: MainTask[] } | null;
  b6: { paintedMs: number[]; solo: NavResult["scripts"]; dashboard: NavResult["scripts"] };
}

function b5Run(cache: B5Run["cache"], r: NavResult, dashboardPath: string): B5Run {
  const last = r.painted.at(-1)!;
  const before = r.longTasks.filter((t) => t.start <= last);
  return {
    cache,
    allPaintedMs: last,
    firstPaintedMs: r.painted[0]!,
    tbtMs: before.reduce((n, t) => n + Math.max(0, t.duration - 50), 0),
    longestMs: Math.max(0, ...r.longTasks.map((t) => t.duration)),
    longTasks: r.longTasks.length,
    draws: r.draws,
    milestones: milestones(r.timings, dashboardPath),
  };
}

/** Creates `dashboard` as the signed-in admin (`cookie`); `what` names the benchmark in the error. */
export async function createDashboard(baseUrl: string, cookie: string, dashboard: object, what: string): Promise<void> {
  const created = await fetch(`${baseUrl}/api/dashboards`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: baseUrl },
    body: JSON.stringify({ dashboard }),
  });
  if (created.status !== 201) throw new Error(`${what}: creating the dashboard: HTTP ${created.status} ${await created.text()}`);
}

/** A browser context of the bench's viewport, signed in with the session `cookie` ("name=value"). */
export async function newContext(browser: Browser, baseUrl: string, cookie: string, viewport = VIEWPORT): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, timezoneId: "UTC", serviceWorkers: "block" });
  const eq = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
  return context;
}

/** Creates the dashboard, then runs B5 (warm and cold browser cache) and B6 (cold) `runs` times each. */
export async function runPageBench(o: PageBenchOptions): Promise<PageBenchResult> {
  const cookie = await signInCookie(o.baseUrl, "admin", o.adminPassword);
  const uid = `bench-b5-${Date.now().toString(36)}`;
  await createDashboard(o.baseUrl, cookie, benchDashboard(uid, o.datasource), "B5");
  const dashUrl = `${o.baseUrl}/d/${uid}/bench?from=now-6h&to=now`;
  const soloUrl = `${o.baseUrl}/d-solo/${uid}/bench?panelId=4&from=now-6h&to=now`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS });
  try {
    const out: PageBenchResult = { chromium: browser.version(), b5: [], traced: null, b6: { paintedMs: [], solo: [], dashboard: [] } };
    const dashPath = `/api/dashboards/${uid}`;
    const warm = await newContext(browser, o.baseUrl, cookie);
    o.log("B5 warm-up (server: compiled routes, query cache; browser: HTTP cache)");
    await navigate(warm, dashUrl, PANELS);
    o.log("B5 traced run (warm; Chromium performance trace: where the time goes)");
    const traced = await navigate(warm, dashUrl, PANELS, browser);
    out.traced = { milestones: milestones(traced.timings, dashPath), tasks: traced.tasks ?? [] };
    for (let i = 0; i < o.runs; i++) {
      o.log(`B5 run ${i + 1}/${o.runs} (warm browser cache)`);
      out.b5.push(b5Run("warm", await navigate(warm, dashUrl, PANELS), dashPath));
      const cold = await newContext(browser, o.baseUrl, cookie);
      o.log(`B5 run ${i + 1}/${o.runs} (cold browser cache)`);
      const r = await navigate(cold, dashUrl, PANELS);
      out.b5.push(b5Run("cold", r, dashPath));
      if (i === 0) out.b6.dashboard = r.scripts;
      await cold.close();
    }
    await warm.close();
    for (let i = 0; i < o.runs; i++) {
      const cold = await newContext(browser, o.baseUrl, cookie);
      o.log(`B6 run ${i + 1}/${o.runs} (cold)`);
      const r = await navigate(cold, soloUrl, 1);
      out.b6.paintedMs.push(r.painted[0]!);
      if (i === 0) out.b6.solo = r.scripts;
      await cold.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

const MILESTONES: [keyof Milestones, string][] = [
  ["htmlFirstByte", "HTML first byte (server render: auth, layout)"],
  ["htmlDone", "HTML done"],
  ["scriptsDone", "scripts of the HTML downloaded"],
  ["domContentLoaded", "DOMContentLoaded (scripts evaluated)"],
  ["dashboardRequested", "dashboard JSON requested (GET /api/dashboards/<uid>; n/a = inlined in the HTML)"],
  ["dashboardReceived", "dashboard JSON received"],
  ["firstQueryStarted", "first panel query started (the HTML's early batch on a repeat visit)"],
  ["panelQueriesAsked", "page asks for its panels' data (grid measured: end of hydration's commit)"],
  ["lastQueryStarted", "last panel query started"],
  ["lastQueryDone", "last panel query answered"],
  ["echartsReady", "ECharts' module evaluated"],
  ["firstDrawStarted", "first chart draw started (init + setOption)"],
  ["lastDrawStarted", "last chart's first draw started"],
  ["firstPainted", "first panel painted"],
  ["allPainted", "all 20 panels painted"],
];

/** "Where the time goes": the warm runs' milestones (median) and the traced run's main thread by kind and its long tasks. */
function breakdown(r: PageBenchResult): string[] {
  const warm = r.b5.filter((x) => x.cache === "warm");
  const lines = ["### Where the time goes (warm)", ""];
  lines.push(`Milestones from the page's Navigation and Resource Timing and the painted marks, ms from navigation start, median of the warm runs (the traced run's in the last column; tracing slows it). Panel queries per navigation: ${fmt(median(warm.map((x) => x.milestones.queries)), 0)}.`, "");
  lines.push(table(["milestone", "warm median ms", "traced run ms"], MILESTONES.map(([k, label]) => [label, fmt(median(warm.map((x) => x.milestones[k])), 0), r.traced ? fmt(r.traced.milestones[k], 0) : "n/a"])), "");
  if (!r.traced || r.traced.tasks.length === 0) return [...lines, "(no trace: the renderer's main thread was not found in it)"];
  const tasks = r.traced.tasks;
  const kinds = Object.entries(timeByKind(tasks)).sort((a, b) => b[1] - a[1]) as [WorkKind, number][];
  const busy = kinds.reduce((n, [, ms]) => n + ms, 0);
  lines.push(`Main thread of the traced run up to the last paint: ${tasks.length} tasks, busy ${fmt(busy, 0)} ms of ${fmt(r.traced.milestones.allPainted, 0)} ms.`, "");
  lines.push(table(["work", "ms", "share"], kinds.map(([k, ms]) => [k, fmt(ms, 0), `${fmt((100 * ms) / busy, 0)} %`])), "");
  const long = tasks.filter((t) => t.durationMs > 50).sort((a, b) => b.durationMs - a.durationMs).slice(0, 10);
  lines.push("Tasks over 50 ms in the traced run (longest first): what each spent its time on, and the scripts it ran most.", "");
  lines.push(
    table(
      ["starts ms", "ms", "by kind", "scripts"],
      long.map((t) => [
        fmt(t.startMs, 0),
        fmt(t.durationMs, 0),
        (Object.entries(t.byKind) as [WorkKind, number][]).filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${fmt(ms, 0)}`).join(", "),
        t.scripts.slice(0, 3).map((s) => `\`${s.url}\` ${fmt(s.ms, 0)}`).join(", "),
      ]),
    ),
  );
  return lines;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const sum = (xs: NavResult["scripts"], k: "wire" | "raw" | "gzip") => xs.reduce((n, s) => n + s[k], 0);

/** B6's target: /d-solo's JavaScript, gzip: 340 KB read as 1,000 bytes (the stricter reading). */
export const B6_TARGET_GZIP = 340_000;

/** The B5 and B6 sections of BENCHMARKS.md and their rows of the targets table. */
export function pageReport(r: PageBenchResult, runs: number): { sections: string; targets: string[][] } {
  const lines: string[] = [];
  lines.push("## B5 dashboard", "");
  lines.push(`A 20-panel dashboard (20 time series panels of 6 h, 4 per row, all in a ${VIEWPORT.width}×${VIEWPORT.height} viewport; 10 single series, 5 rates, 5 of 20 series), signed in as admin, \`next start\` on loopback, headless ${r.chromium}. Warm server (one navigation first: routes loaded, query cache filled). "warm" = repeat visit (HTTP cache), "cold" = new browser context. All painted = the 20th chart's \`${CHART_PAINTED_MARK}\` mark (set once a chart has drawn data) from navigation start; long tasks from PerformanceObserver \`longtask\` (buffered); TBT = Σ (duration − 50 ms) of long tasks starting before the last panel painted. ${runs} runs each; median (p95).`, "");
  const rows = (["warm", "cold"] as const).map((cache) => {
    const xs = r.b5.filter((x) => x.cache === cache);
    const m = (f: (x: B5Run) => number) => `${fmt(median(xs.map(f)), 0)} (${fmt(percentile(xs.map(f), 95), 0)})`;
    return [cache, m((x) => x.firstPaintedMs), m((x) => x.allPaintedMs), m((x) => x.tbtMs), m((x) => x.longestMs), m((x) => x.longTasks), m((x) => x.draws)];
  });
  lines.push(table(["browser cache", "first panel painted ms", "all 20 painted ms", "TBT ms", "longest task ms", "long tasks", "chart draws"], rows), "");

  lines.push(...breakdown(r), "");

  lines.push("## B6 embed", "");
  const solo = r.b6.solo;
  const dash = r.b6.dashboard;
  lines.push(`\`/d-solo/<uid>?panelId=4\` (a time series of 20 series, 6 h) in a new browser context each run (cold cache), signed in. JavaScript = every script response of the page until the panel painted: bytes as served by \`next start\` (\`compress: true\`: gzip), decoded, and gzip (zlib default level) of the decoded bytes. The \`/d\` page of the same dashboard (B5 cold) for comparison. Grafana's embed (\`/d-solo\` of Grafana) loads its whole app, ~8 MiB of JavaScript: context only, not measured here.`, "");
  lines.push(table(["page", "scripts", "as served", "decoded", "gzip", "panel painted ms, median (p95)"], [
    ["/d-solo", solo.length, kib(sum(solo, "wire")), kib(sum(solo, "raw")), `**${kib(sum(solo, "gzip"))}**`, `${fmt(median(r.b6.paintedMs), 0)} (${fmt(percentile(r.b6.paintedMs, 95), 0)})`],
    ["/d (20 panels)", dash.length, kib(sum(dash, "wire")), kib(sum(dash, "raw")), kib(sum(dash, "gzip")), "see B5"],
  ]), "");
  lines.push("Largest /d-solo scripts (gzip):", "");
  lines.push(table(["script", "gzip", "decoded"], [...solo].sort((a, b) => b.gzip - a.gzip).slice(0, 8).map((s) => [`\`${s.url}\``, kib(s.gzip), kib(s.raw)])), "");
  const soloGz = sum(solo, "gzip");
  lines.push(
    `B6 ${soloGz <= B6_TARGET_GZIP ? "met" : "not met"}: ${Math.round(soloGz).toLocaleString("en")} bytes gzip against 340,000. What /d-solo still carries (source maps of \`ORRERY_SOURCE_MAPS=1 next build\`, session 6): React DOM + Next's app router and runtime ~133 KiB, ECharts' core with the line chart, cartesian grid and axis pointer ~176 KiB (the axis pointer cannot follow the deferred tooltip: ECharts copies processors into each chart at init), the panel's own code ~16 KiB. Removed in session 6: the root layout's client chunk with React Query's client and the nav (~13 KiB: a page's chunks assume its layouts' are loaded, so every page but /d-solo moved to the route group app/(app)/ whose layout holds them), Node's Buffer polyfill (zrender's \`typeof Buffer\` made Turbopack ship it: aliased away in next.config.js), React Query's observer (the page polls its one query, lib/embed/solo-poll.ts), next/dynamic's loader (React.lazy), zod (frames decoded by lib/promql/frames/columns.ts), the time-zone parser (refresh helpers in lib/dashboards/refresh.ts).`,
    "",
  );

  const warm = r.b5.filter((x) => x.cache === "warm");
  const allPainted = median(warm.map((x) => x.allPaintedMs));
  const longest = Math.max(...warm.map((x) => x.longestMs));
  const gz = sum(solo, "gzip");
  const targets = [
    ["B5 all 20 panels painted ≤ 1 s (warm, median)", `${fmt(allPainted, 0)} ms`, allPainted <= 1000 ? "yes" : "no"],
    ["B5 no task over 100 ms (warm, worst run)", `${fmt(longest, 0)} ms`, longest <= 100 ? "yes" : "no"],
    ["B6 /d-solo JS ≤ 340 KB gzip", kib(gz), gz <= B6_TARGET_GZIP ? "yes" : "no"],
  ];
  lines.push(
    "Why: the profile of session 5 (the breakdown above, and V8 CPU profiles) found most of the dashboard's main-thread time in ECharts updates that drew nothing new: each chart's drag-to-zoom cursor action was replayed by `echarts.connect` to every other chart of the dashboard (20 panels: ~400 full updates), and each chart's ResizeObserver resized (redrew) it right after creation. Both are gone (components/charts/echart.tsx: one silent update per draw, resize only on a real size change). The dashboard, settings and datasources come with the HTML (lib/dashboards/page-state.ts). Session 7: the panel queries leave from the grid's first measurement in the hydration commit (startGridPanelQueries in components/dashboard/panel-frame.tsx), before React renders any panel, and right before them the page asks for the shown panel types' chunks and ECharts (components/panels/panel-loaders.ts), so these download and evaluate while the queries are answered (HTTP/1.1 queues requests per host in order: asked for after the 16 queries, cached scripts waited ~550 ms for their answers); ECharts' toolbox and tooltip chunks are asked for once ECharts has evaluated, so they still wait for a free connection behind the queries; panel types load on demand (the text panel's react-markdown, tables and Knative's views are no longer evaluated on the way to the first query: /d −62 KiB gzip); V8 profiles (page-profile.ts) put the JavaScript before the first panel query at 439 ms per warm navigation (load ~10) against 731 ms for session 6's tree (load ~4). Session 8: time series draw with `grid.containLabel` and ECharts' LegacyGridContainLabel registered (components/charts/echart.tsx): the grid's room for the labels is measured as text from the axes' own ticks, as ECharts 5 did, instead of ECharts 6's outer-bounds estimate, which laid out every axis (hideOverlap included) twice per update: page-profile.ts --focus='echarts|zrender' put the estimate at ~20 % of the draws' time (186 of 925 ms per navigation), the legacy measure at ~10 % (101 of 966 ms, load 4–6); and formatAxisTime (lib/panels/time-format.ts) remembers its labels, since a dashboard's charts label the same instants (Intl's formatToParts was a third of the axis layout). Session 9: the HTML starts the first screen's panel queries on a repeat visit (lib/dashboards/early-queries.ts: the server plans, with the page's own code, the queries the page will send for the grid the browser measured last time, kept in the `orrery_view` cookie; a nonce'd inline script sends them as one POST /api/queries and the page takes each answer whose query it asks exactly), so in the warm runs the answers are in by ~0.3 s instead of ~1.2 s; classic zod and the editor's save dialog are off /d's first load (lib/dashboards/schema/constants.ts, the client's schemas loaded with its /api/dashboards requests: /d 471 → 454 KiB gzip; page-profile.ts put zod's module evaluation at ~24 ms instead of ~80). All painted moved little (warm 1,778 vs 1,844 ms side by side, within noise), because after the answers the page is bound by its main thread: hydration, ECharts' evaluation and the 20 draws; behind a 300 ms upstream (ORRERY_BENCH_PAGE_UPSTREAM_DELAY_MS=300, a Thanos-like datasource) the early queries gain more (all painted 2,025 vs 2,178 ms, last answer 790 vs 1,528 ms). On a 2-core machine the early batch's server work also competes with the browser for CPU, which a real deployment does not have. Session 10: two costs that did nothing for the dashboard left its load. (1) Next's `<Link>` prefetched every visible link's route as the page loaded (the header's nav, Versions), and again after the page rewrote its URL: 16–18 RSC requests per /d load (Resource Timing), each a server render of another route on this 2-core machine and an RSC payload processed on the page's main thread while the panels drew; those links now prefetch on intent (pointer, focus, touch: components/ui/intent-link.tsx). (2) The view cookie's zone came from `Intl.DateTimeFormat().resolvedOptions()`, the page's only Intl date format at load (an init-script hook counted one), which cost 22–38 ms of ICU set-up (35–300 ms in a fresh page under load) inside the hydration commit, before the panel queries; `Temporal.Now.timeZoneId()` answers in ~0 ms (lib/time/browser-zone.ts). The page now marks its phases (components/charts/painted-mark.ts PAGE_MARKS, read as milestones above), which traces the gap between the answers and the first paint that session 8 could not: in the quiet warm runs of session 10 (load 3–4), DOMContentLoaded ~370 ms → the page asks for its panels' data (end of hydration's commit) ~770–805 ms → ECharts' module evaluated ~920–1,040 ms → first chart draw ~1,060–1,260 ms → all 20 painted ~1,720–1,840 ms: hydration ~400 ms, ECharts' evaluation and the panels' render ~300–450 ms, then the 20 draws ~550–650 ms (25–35 ms each, one per task). With the answers in by ~0.4 s, every one of these is main-thread work, so the 1 s target needs less of it (a cheaper time-series renderer than ECharts' per-chart init + setOption, or drawing off the main thread: ECharts has no supported OffscreenCanvas/worker mode), not earlier data. Not met, and why: what is left before the first query is hydration itself (React rendering the page and evaluating its client modules, ~300 ms on this machine under load), of which classic zod's module evaluation is ~50–90 ms (page-profile.ts, 'module evaluation by file': zod's core and classic schemas, lib/dashboards/schema/*), inside hydration's longest task; it reaches /d through lib/dashboards/api.ts, the schema barrel (lib/dashboards/layout.ts and dashboard-grid.tsx import GRID_COLUMNS from it), the edit reducers' barrel (lib/dashboards/edit/index.ts → json.ts → parse.ts → migrate.ts) and edit/conflict.ts: removing it means a zod-free constants module, direct imports instead of the barrels and zod/mini for the client's parse. After the answers come the draws: one chart's `init` + `setOption` costs ~25–35 ms on a quiet machine and 50–150 ms under load (what is left: option merge ~12 %, the 20-series charts' data processing, zrender's canvas paint ~14 %), one per task (components/charts/chart-jobs.ts), so 20 charts take 0.5–1.2 s. ECharts' tooltip and toolbox chunks are asked for once ECharts has evaluated, i.e. after the panel queries, and on HTTP/1.1's six connections they arrive with the last answers (Resource Timing, session 8: requested ~200–300 ms after the first query, done 500–850 ms later), while a chart waits for the tooltip before its first draw; asking for them before the queries (an `import()` table outside echart.tsx) made them arrive within ~20 ms but shipped ~18 KiB gzip of ECharts modules twice (Turbopack's chunk groups differ by importer, /d 468.6 → 486.6 KiB) and did not move the first paint measurably at load 4–7, so it was left to the batched panel request (one connection instead of 16 requests). Even with those chunks there, the first chart painted 0.8–1.1 s after the first answer (load 4–7): main-thread work in between (ECharts' chunk evaluation, the panels' transition render, frame decoding), not traced to one cause this session. The longest tasks are hydration's render, ECharts' evaluation and one chart's draw, each over 100 ms only on a loaded machine (compare the load average in the header). Panel queries are HTTP/1.1 requests, six at a time per host: 16 distinct queries take three waves. /d-solo: React + Next's runtime ~132 KiB gzip, ECharts' line chart with grid ~154 KiB; the tooltip (with its axis pointer, ~15 KiB) now loads on the first pointer over the chart.",
    "",
  );
  return { sections: lines.join("\n"), targets };
}
