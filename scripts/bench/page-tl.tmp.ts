// Scratch: one warm navigation's main-thread timeline (CPU profile bursts) next to Resource Timing and marks.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SourceMapConsumer, type RawSourceMap } from "source-map-js";
import { chromium, type CDPSession } from "@playwright/test";
import { CHART_PAINTED_MARK } from "@/components/charts/painted-mark";
import { signInCookie } from "../../e2e/auth";
import { chromiumPath, REPO_ROOT } from "../stack";
import { benchDashboard, PAGE_BENCH_VIEWPORT } from "./page";
import { startPageStack } from "./page-run";
import { sampleStacks } from "./page-profile";

async function main() {
  const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 2);
  const log = (m: string) => console.error(`[tl] ${m}`);
  const stack = await startPageStack({ base: Number(process.env.ORRERY_BENCH_PORT_BASE ?? 38090), work: join(REPO_ROOT, ".bench"), log });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--headless", "--disable-gpu"] });
  try {
    const cookie = await signInCookie(stack.baseUrl, "admin", stack.adminPassword);
    const uid = `tl-b5-${Date.now().toString(36)}`;
    const created = await fetch(`${stack.baseUrl}/api/dashboards`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: stack.baseUrl }, body: JSON.stringify({ dashboard: benchDashboard(uid, stack.datasource) }) });
    if (created.status !== 201) throw new Error(`HTTP ${created.status}`);
    const context = await browser.newContext({ viewport: PAGE_BENCH_VIEWPORT, deviceScaleFactor: 1, timezoneId: "UTC", serviceWorkers: "block" });
    const eq = cookie.indexOf("=");
    await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: stack.baseUrl, httpOnly: true, sameSite: "Lax" }]);
    const url = `${stack.baseUrl}/d/${uid}/bench?from=now-6h&to=now`;
    for (let run = 0; run <= runs; run++) {
      const page = await context.newPage();
      let cdp: CDPSession | null = null;
      if (run > 0 && process.argv.includes("--profile")) {
        cdp = await context.newCDPSession(page);
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
        await cdp.send("Profiler.start");
      }
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction((name) => performance.getEntriesByName(name).length >= 20, CHART_PAINTED_MARK, { timeout: 120_000, polling: 50 });
      await page.waitForTimeout(300);
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const res = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((r) => ({ name: r.name.replace(/^https?:\/\/[^/]+/, "").slice(0, 70), start: r.startTime, end: r.responseEnd, type: r.initiatorType, size: r.transferSize }));
        const marks = performance.getEntriesByType("mark").map((m) => ({ name: m.name, t: m.startTime }));
        return { responseStart: nav.responseStart, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, res, marks, origin: performance.timeOrigin };
      });
      if (run === 0) { await page.close(); continue; }
      console.log(`\n=== run ${run}: responseStart ${timing.responseStart.toFixed(0)} DCL ${timing.dcl.toFixed(0)} load ${timing.load.toFixed(0)}`);
      const painted = timing.marks.filter((m) => m.name === CHART_PAINTED_MARK).map((m) => m.t);
      console.log(`painted first ${painted[0]?.toFixed(0)} last ${painted.at(-1)?.toFixed(0)}: ${painted.map((t) => t.toFixed(0)).join(" ")}`);
      for (const m of timing.marks.filter((m) => m.name !== CHART_PAINTED_MARK)) console.log(`mark ${m.name} ${m.t.toFixed(0)}`);
      for (const r of timing.res.sort((a, b) => a.start - b.start)) console.log(`res ${r.start.toFixed(0).padStart(5)}-${r.end.toFixed(0).padStart(5)} ${r.type.padEnd(8)} ${String(r.size).padStart(7)} ${r.name}`);
      if (cdp) {
        const nowMs = await page.evaluate(() => performance.now());
        const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Parameters<typeof sampleStacks>[0] };
        const origin = profile.endTime - nowMs * 1000;
        const maps = new Map<string, SourceMapConsumer | null>();
        const consumer = (scriptUrl: string) => {
          if (!maps.has(scriptUrl)) {
            const path = new URL(scriptUrl).pathname;
            const chunk = join(REPO_ROOT, ".next", path.replace(/^\/_next\//, ""));
            const named = path.startsWith("/_next/static/") && existsSync(chunk) ? /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(chunk, "utf8"))?.[1] : undefined;
            const file = named ? join(dirname(chunk), named) : "";
            maps.set(scriptUrl, file && existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, "utf8")) as RawSourceMap) : null);
          }
          return maps.get(scriptUrl) ?? null;
        };
        const samples = sampleStacks(profile, (f) => {
          if (!f.url || !f.url.startsWith("http")) return f.functionName || "(anon)";
          const pos = consumer(f.url)?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
          if (pos?.source) return `${pos.name ?? f.functionName} ${pos.source.replace(/^.*?(node_modules\/[^/]+|components|lib|app)\//, "$1/")}:${pos.line}`;
          return `${f.functionName || "(anon)"} ${f.url.split("/").pop()}`;
        });
        // Bins of 25 ms: busy ms and top innermost-ish frame family.
        const bins = new Map<number, { busy: number; tops: Map<string, number> }>();
        for (const s of samples) {
          if (s.stack.length === 0 || s.stack[0] === "(idle) " || s.stack[0]?.startsWith("(idle)")) continue;
          const tMs = (s.t - origin) / 1000;
          const bin = Math.floor(tMs / 25) * 25;
          const b = bins.get(bin) ?? { busy: 0, tops: new Map() };
          b.busy += s.dt;
          const ours = s.stack.filter((k) => /(components|lib|app)\//.test(k) && !k.includes("node_modules"));
          const outer = (ours.length ? ours.slice(0, 2).join(" < ") + " | " : "") + s.stack.slice(0, 2).join(" < ");
          b.tops.set(outer, (b.tops.get(outer) ?? 0) + s.dt);
          bins.set(bin, b);
        }
        for (const [bin, b] of [...bins].sort((a, b) => a[0] - b[0])) {
          if (bin < 0 || bin > (painted.at(-1) ?? 0) + 50) continue;
          const top = [...b.tops].sort((a, b) => b[1] - a[1])[0];
          console.log(`cpu ${String(bin).padStart(5)} busy ${b.busy.toFixed(0).padStart(3)} ${top?.[0].slice(0, 150)}`);
        }
      }
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
    await stack.stop();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
