// B5, variables behind a slow upstream: a dashboard whose two chained query variables come from a
// datasource behind a forwarder adding `delayMs` per request (a slow Thanos), its panels from the fast
// one. A first visit (no view cookie: the page resolves its variables itself) against a repeat visit
// (the server plans the early queries and runs the variable requests for the visitor; past its 1.5 s
// bound it hands those still in flight to the page's identical requests: lib/dashboards/early-variables.ts).
// A repeat visit must never be slower than a first one, and the upstream must see each variable request once.
import { chromium, type BrowserContext } from "@playwright/test";
import { CHART_PAINTED_MARK } from "@/components/charts/painted-mark";
import { VIEW_COOKIE } from "@/lib/dashboards/view-cookie";
import { chromiumPath } from "../stack";
import { createDashboard, LAUNCH_ARGS, newContext } from "./page";
import { fmt, median, table } from "./stats";

export interface VariablesBenchOptions {
  baseUrl: string;
  /** The admin's session cookie ("name=value"). */
  cookie: string;
  /** The datasource of the panels (no added latency). */
  fast: string;
  /** The datasource of the variables, behind the forwarder; `requests()` counts what reached it. */
  slow: { datasource: string; delayMs: number; requests: () => number };
  runs: number;
  log: (msg: string) => void;
}

export interface VariablesRun {
  visit: "first" | "repeat";
  /** ms from navigation start to the last of the dashboard's charts painted. */
  allPaintedMs: number;
  /** Requests the slow upstream received for this load (its two variables). */
  upstreamRequests: number;
}

const PANELS = 4;
const VIEWPORT = { width: 1600, height: 1000 };

/** Two chained query variables on `slow` (the second's options depend on the first), four time series on `fast` using them. */
export function variablesDashboard(uid: string, fast: string, slow: string) {
  const variable = (name: string, query: string) => ({ type: "query", name, datasource: slow, query, multi: true, includeAll: true, current: { value: ["$__all"] }, sort: "alpha-asc" });
  const exprs = ['orrery_prop_gauge{s=~"$s"}', 'rate(orrery_prop_total{s=~"$t"}[5m])', 'sum(orrery_prop_gauge{s=~"$s"})', 'sum(rate(orrery_prop_total{s=~"$t"}[5m]))'];
  return {
    schemaVersion: 1,
    uid,
    title: "Bench variables",
    time: { from: "now-6h", to: "now" },
    templating: { list: [variable("s", "label_values(orrery_prop_gauge, s)"), variable("t", 'label_values(orrery_prop_total{s=~"$s"}, s)')] },
    panels: exprs.map((expr, i) => ({ id: i + 1, type: "timeseries", title: `Panel ${i + 1}`, datasource: fast, gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 }, targets: [{ refId: "A", expr }] })),
  };
}

async function load(context: BrowserContext, url: string, o: VariablesBenchOptions, visit: VariablesRun["visit"]): Promise<VariablesRun> {
  const page = await context.newPage();
  try {
    const before = o.slow.requests();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(([name, n]) => performance.getEntriesByName(name as string).length >= (n as number), [CHART_PAINTED_MARK, PANELS] as const, { timeout: 120_000, polling: 50 });
    const allPaintedMs = await page.evaluate((name) => Math.max(...performance.getEntriesByName(name).map((e) => e.startTime)), CHART_PAINTED_MARK);
    // The server may still hold a request it handed over: let every request of this load reach the counter.
    await page.waitForTimeout(o.slow.delayMs + 500);
    return { visit, allPaintedMs, upstreamRequests: o.slow.requests() - before };
  } finally {
    await page.close();
  }
}

export async function runVariablesBench(o: VariablesBenchOptions): Promise<VariablesRun[]> {
  const uid = `bench-vars-${Date.now().toString(36)}`;
  await createDashboard(o.baseUrl, o.cookie, variablesDashboard(uid, o.fast, o.slow.datasource), "B5 variables");
  const url = `${o.baseUrl}/d/${uid}/vars?from=now-6h&to=now`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS });
  const runs: VariablesRun[] = [];
  try {
    // One context (its HTTP cache warm after the first load): the two visits differ only in the view cookie.
    const context = await newContext(browser, o.baseUrl, o.cookie, VIEWPORT);
    for (let i = 0; i <= o.runs; i++) {
      o.log(`B5 variables ${i === 0 ? "warm-up" : `run ${i}/${o.runs}`} (first visit, then repeat visit)`);
      await context.clearCookies({ name: VIEW_COOKIE });
      const first = await load(context, url, o, "first");
      const repeat = await load(context, url, o, "repeat");
      // The warm-up pair fills the server's routes and panel cache and the browser's HTTP cache.
      if (i > 0) runs.push(first, repeat);
    }
    await context.close();
    return runs;
  } finally {
    await browser.close();
  }
}

export function variablesReport(runs: readonly VariablesRun[], delayMs: number): string[] {
  const of = (visit: VariablesRun["visit"]) => runs.filter((r) => r.visit === visit);
  const row = (visit: VariablesRun["visit"], label: string) => {
    const rs = of(visit);
    return [label, fmt(median(rs.map((r) => r.allPaintedMs)), 0), rs.map((r) => fmt(r.allPaintedMs, 0)).join(", "), rs.map((r) => String(r.upstreamRequests)).join(", ")];
  };
  const first = median(of("first").map((r) => r.allPaintedMs));
  const repeat = median(of("repeat").map((r) => r.allPaintedMs));
  return [
    "### Variables behind a slow upstream",
    "",
    `A dashboard with two chained query variables (\`label_values\`, the second's match uses the first) on a datasource behind a forwarder adding ${delayMs} ms per request (a slow Thanos), and ${PANELS} time series on the fast datasource that use them; all on the first screen, warm server. First visit = a load without the view cookie (the page asks for its variables itself, from ~0.5 s), warm HTTP cache; repeat visit = the next load, with the cookie the first one wrote (the server runs the variable requests for the visitor from the page request on; past its bound (\`EARLY_VARIABLES_WAIT_MS\`, 1.5 s) the HTML's script carries the answers already in and the page's identical requests join the server's in flight). Upstream requests = requests the forwarder received during the load (2 = each variable request once). ${runs.length / 2} pairs, after one warm-up pair.`,
    "",
    table(["visit", "all panels painted, median ms", "runs ms", "upstream requests per load"], [row("first", "first visit (no early plan)"), row("repeat", "repeat visit (early plan, handed over)")]),
    "",
    `Repeat / first visit: ${fmt(repeat / first, 2)}×.`,
    "",
  ];
}
