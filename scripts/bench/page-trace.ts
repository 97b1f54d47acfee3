// Where a dashboard navigation's time goes (issue 7 B5): a Chromium performance trace of the page's
// renderer main thread, split into what each top-level task spent its time on, plus the page's own
// Navigation/Resource Timing as a waterfall (HTML, scripts, the dashboard's API calls, panel
// queries, paints). Pure functions over the trace's JSON and the timing entries; page.ts records them.
import { PAGE_MARKS } from "@/components/charts/painted-mark";

/** One Chrome trace event (the JSON Trace Event Format's fields we read). */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; frame?: string; functionName?: string; documentLoaderURL?: string } };
}

/** What a slice of main-thread time was spent on. */
export type WorkKind = "script compile + evaluate" | "JS (callbacks, React, ECharts)" | "style + layout" | "paint + composite" | "HTML parse" | "GC" | "other";

const KIND_BY_EVENT: Readonly<Record<string, WorkKind>> = {
  EvaluateScript: "script compile + evaluate",
  "v8.compile": "script compile + evaluate",
  "v8.compileModule": "script compile + evaluate",
  "v8.evaluateModule": "script compile + evaluate",
  "v8.produceCache": "script compile + evaluate",
  "v8.produceModuleCache": "script compile + evaluate",
  CompileScript: "script compile + evaluate",
  CacheScript: "script compile + evaluate",
  FunctionCall: "JS (callbacks, React, ECharts)",
  TimerFire: "JS (callbacks, React, ECharts)",
  FireAnimationFrame: "JS (callbacks, React, ECharts)",
  EventDispatch: "JS (callbacks, React, ECharts)",
  RunMicrotasks: "JS (callbacks, React, ECharts)",
  "v8.run": "JS (callbacks, React, ECharts)",
  "V8.Execute": "JS (callbacks, React, ECharts)",
  Layout: "style + layout",
  UpdateLayoutTree: "style + layout",
  RecalculateStyles: "style + layout",
  "ResizeObserverController::broadcast": "style + layout",
  IntersectionObserverController: "style + layout",
  Paint: "paint + composite",
  PrePaint: "paint + composite",
  Layerize: "paint + composite",
  CompositeLayers: "paint + composite",
  UpdateLayer: "paint + composite",
  "Commit": "paint + composite",
  ParseHTML: "HTML parse",
  MajorGC: "GC",
  MinorGC: "GC",
  "V8.GC_SCAVENGER": "GC",
  "V8.GC_MARK_COMPACTOR": "GC",
  "BlinkGC.AtomicPhase": "GC",
};

export function kindOf(e: TraceEvent): WorkKind | null {
  return KIND_BY_EVENT[e.name] ?? (e.name.startsWith("V8.GC") || e.name.startsWith("BlinkGC") ? "GC" : null);
}

/** A top-level task of the main thread, ms from navigation start, with its time by kind (self times of its innermost known events). */
export interface MainTask {
  startMs: number;
  durationMs: number;
  byKind: Partial<Record<WorkKind, number>>;
  /** The scripts evaluated or called in it (file names), most time first. */
  scripts: { url: string; ms: number }[];
}

/** The renderer main thread: the thread named CrRendererMain that holds the `navigationStart` mark (the page's, not another tab's). */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number; navStartTs: number } | null {
  const mains = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const navs = events.filter((e) => e.name === "navigationStart" && mains.has(`${e.pid}:${e.tid}`) && (e.args?.data?.documentLoaderURL ?? "").startsWith("http"));
  const nav = navs.at(-1);
  return nav ? { pid: nav.pid, tid: nav.tid, navStartTs: nav.ts } : null;
}

const fileOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, "").replace(/^\/_next\/static\/chunks\//, "");

/**
 * The main thread's top-level tasks (RunTask events) from navigation start up to `untilMs`, each
 * with its time split by kind: every complete event inside a task takes the time not covered by
 * its own children (self time), credited to the innermost enclosing event of a known kind.
 */
export function mainThreadTasks(events: readonly TraceEvent[], untilMs: number): MainTask[] {
  const main = mainThread(events);
  if (!main) return [];
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && typeof e.dur === "number")
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const toMs = (ts: number) => (ts - main.navStartTs) / 1000;
  const tasks: MainTask[] = [];
  let i = 0;
  while (i < onMain.length) {
    const top = onMain[i]!;
    if (top.name !== "RunTask" && top.name !== "ThreadControllerImpl::RunTask") {
      i++;
      continue;
    }
    const end = top.ts + top.dur!;
    const children: TraceEvent[] = [];
    let j = i + 1;
    while (j < onMain.length && onMain[j]!.ts < end) children.push(onMain[j++]!);
    i = j;
    if (toMs(top.ts) < 0 || toMs(top.ts) > untilMs) continue;
    tasks.push(splitTask(top, children, toMs));
  }
  return tasks;
}

function splitTask(top: TraceEvent, children: readonly TraceEvent[], toMs: (ts: number) => number): MainTask {
  const byKind: Partial<Record<WorkKind, number>> = {};
  const scripts = new Map<string, number>();
  // A stack walk over events sorted by start (longest first on ties): self time = duration − children's.
  type Frame = { e: TraceEvent; kind: WorkKind; url: string | null; childUs: number };
  const stack: Frame[] = [{ e: top, kind: "other", url: null, childUs: 0 }];
  const close = (f: Frame) => {
    const self = Math.max(0, f.e.dur! - f.childUs) / 1000;
    byKind[f.kind] = (byKind[f.kind] ?? 0) + self;
    if (f.url) scripts.set(f.url, (scripts.get(f.url) ?? 0) + self);
  };
  for (const c of children) {
    while (stack.length > 1 && c.ts >= stack.at(-1)!.e.ts + stack.at(-1)!.e.dur!) close(stack.pop()!);
    const parent = stack.at(-1)!;
    parent.childUs += c.dur!;
    const kind = kindOf(c) ?? parent.kind;
    const url = c.args?.data?.url ? fileOf(c.args.data.url) : parent.url;
    stack.push({ e: c, kind, url: kind === "script compile + evaluate" || kind === "JS (callbacks, React, ECharts)" ? url : null, childUs: 0 });
  }
  while (stack.length) close(stack.pop()!);
  return {
    startMs: toMs(top.ts),
    durationMs: top.dur! / 1000,
    byKind,
    scripts: [...scripts].map(([url, ms]) => ({ url, ms })).sort((a, b) => b.ms - a.ms),
  };
}

/** Main-thread time by kind over all tasks, ms. */
export function timeByKind(tasks: readonly MainTask[]): Partial<Record<WorkKind, number>> {
  const out: Partial<Record<WorkKind, number>> = {};
  for (const t of tasks) for (const [k, ms] of Object.entries(t.byKind) as [WorkKind, number][]) out[k] = (out[k] ?? 0) + ms;
  return out;
}

/** Resource and navigation timing of a page, as read in the page (ms from navigation start). */
export interface PageTimings {
  html: { requestStart: number; responseStart: number; responseEnd: number; domInteractive: number; domContentLoaded: number };
  resources: { name: string; initiatorType: string; startTime: number; responseEnd: number }[];
  painted: number[];
  marks: { name: string; startTime: number }[];
}

/** Read in the page (page.evaluate): navigation and resource timing entries, the painted marks and the app's orrery:* marks. */
export const READ_PAGE_TIMINGS = (paintedMark: string): PageTimings => {
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
  return {
    html: { requestStart: nav.requestStart, responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd },
    resources: (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((r) => ({ name: new URL(r.name).pathname, initiatorType: r.initiatorType, startTime: r.startTime, responseEnd: r.responseEnd })),
    painted: performance.getEntriesByName(paintedMark).map((e) => e.startTime).sort((a, b) => a - b),
    marks: performance.getEntriesByType("mark").filter((m) => m.name.startsWith("orrery:") && m.name !== paintedMark).map((m) => ({ name: m.name, startTime: m.startTime })),
  };
};

/** The milestones of a dashboard navigation, ms from navigation start (NaN when absent). */
export interface Milestones {
  htmlFirstByte: number;
  htmlDone: number;
  scriptsDone: number;
  domContentLoaded: number;
  dashboardRequested: number;
  dashboardReceived: number;
  /** The page asked for its panels' data (end of hydration's commit; an early answer is taken then). */
  panelQueriesAsked: number;
  firstQueryStarted: number;
  lastQueryStarted: number;
  lastQueryDone: number;
  echartsReady: number;
  firstDrawStarted: number;
  lastDrawStarted: number;
  firstPainted: number;
  allPainted: number;
  queries: number;
}

// HTTP requests carrying panel queries: a single proxy query, or a batch of them (POST /api/queries,
// lib/promql/batch: its response ends with its last part, so "answered" is the last query's answer).
const isQuery = (name: string) => name === "/api/queries" || /\/api\/ds\/[^/]+\/api\/v1\/query(_range)?$/.test(name);
const min = (xs: number[]) => (xs.length ? Math.min(...xs) : Number.NaN);
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : Number.NaN);

export function milestones(t: PageTimings, dashboardPath: string): Milestones {
  const scripts = t.resources.filter((r) => r.initiatorType === "script" || r.name.endsWith(".js"));
  const dash = t.resources.filter((r) => r.name === dashboardPath);
  const queries = t.resources.filter((r) => isQuery(r.name));
  const marked = (name: string) => t.marks.filter((m) => m.name === name).map((m) => m.startTime);
  return {
    htmlFirstByte: t.html.responseStart,
    htmlDone: t.html.responseEnd,
    scriptsDone: max(scripts.filter((s) => s.startTime <= t.html.domContentLoaded).map((s) => s.responseEnd)),
    domContentLoaded: t.html.domContentLoaded,
    dashboardRequested: min(dash.map((d) => d.startTime)),
    dashboardReceived: min(dash.map((d) => d.responseEnd)),
    panelQueriesAsked: min(marked(PAGE_MARKS.panelQueriesAsked)),
    firstQueryStarted: min(queries.map((q) => q.startTime)),
    lastQueryStarted: max(queries.map((q) => q.startTime)),
    lastQueryDone: max(queries.map((q) => q.responseEnd)),
    echartsReady: min(marked(PAGE_MARKS.echartsReady)),
    firstDrawStarted: min(marked(PAGE_MARKS.chartFirstDraw)),
    lastDrawStarted: max(marked(PAGE_MARKS.chartFirstDraw)),
    firstPainted: t.painted[0] ?? Number.NaN,
    allPainted: t.painted.at(-1) ?? Number.NaN,
    queries: queries.length,
  };
}
