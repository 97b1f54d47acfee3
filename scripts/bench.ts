// `npm run bench`: measures the proxy and its query layer against the same Prometheus, side by side
// in one run, and writes BENCHMARKS.md.
//   B1 proxy overhead, B2 viewers, B3 sliding refresh: scripts/bench/proxy-b1/b2/b3.ts on the stack of proxy.ts (its own Prometheus with
//      backfilled history and a live exporter, a latency-adding forwarder, production `next start`,
//      building first when .next is missing or BENCH_BUILD=1).
//   B4 render, B8 memory in headless Chromium (scripts/bench/browser.ts); B7 wire (scripts/bench/wire.ts);
//   B5 dashboard, B6 embed: signed in on their own Prometheus + `next start` (scripts/bench/page.ts, page-run.ts).
// Flags: --quick (fewer connections, viewers and browser runs), --only=<block>[,<block>] with blocks
//      proxy (B1–B3), browser (B4/B8), wire (B7), page (B5/B6): each replaces only its block in BENCHMARKS.md.
// Env: ORRERY_BENCH_PORT_BASE (38090: Prometheus, +1 forwarder, +2 next, +3 exporter, +4 a second next for B1), BENCH_SECONDS (3),
//      BENCH_REFRESH_SECONDS (10), BENCH_UPSTREAM_DELAY_MS (50), BENCH_REFRESHES (3), BENCH_OUT (BENCHMARKS.md),
//      BENCH_CPU_PROF=<dir> (`next start` writes V8 CPU profiles there: where the proxy spends its time).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { browserReport, runBrowserBench } from "./bench/browser";
import { PAGE_BLOCK, runPageStandalone } from "./bench/page-run";
import { proxyReport, runProxyBench } from "./bench/proxy";
import { runWireBench, wireReport } from "./bench/wire";
import { table } from "./bench/stats";
import { REPO_ROOT } from "./stack";

const env = process.env;
const OUT = join(REPO_ROOT, env.BENCH_OUT ?? "BENCHMARKS.md");
const WORK = join(REPO_ROOT, ".bench");

const log = (msg: string) => console.log(`[bench] ${msg}`);
const QUICK = process.argv.includes("--quick");
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const BROWSER_RUNS = Number(env.BENCH_BROWSER_RUNS ?? (QUICK ? 3 : 7));
const BROWSER_BLOCK = ["<!-- browser benchmarks: start -->", "<!-- browser benchmarks: end -->"] as const;
const PROXY_BLOCK = ["<!-- proxy benchmarks: start -->", "<!-- proxy benchmarks: end -->"] as const;
const WIRE_BLOCK = ["<!-- wire benchmark: start -->", "<!-- wire benchmark: end -->"] as const;

/** B7 (scripts/bench/wire.ts) as its own block of the report, with its own targets table. */
async function wireBlock(): Promise<string> {
  const r = await runWireBench({ runs: BROWSER_RUNS, log, quick: QUICK });
  const { section, targets } = wireReport(r, BROWSER_RUNS);
  return [WIRE_BLOCK[0], section, "### Targets (B7)", "", table(["target", "measured", "met"], targets), "", WIRE_BLOCK[1]].join("\n");
}

/** B4, B8 as one block of the report, with its own targets table. */
async function browserBlock(): Promise<string> {
  const r = await runBrowserBench({ runs: BROWSER_RUNS, log });
  const { sections, targets } = browserReport(r, BROWSER_RUNS);
  return [
    BROWSER_BLOCK[0],
    sections,
    "### Targets (B4, B8)",
    "",
    table(["target", "measured", "met"], targets),
    "",
    BROWSER_BLOCK[1],
  ].join("\n");
}

/** B1, B2, B3 as one block of the report, with its own targets table. */
async function proxyBlock(): Promise<string> {
  if (!existsSync(join(REPO_ROOT, ".next", "BUILD_ID")) || env.BENCH_BUILD === "1") {
    log("building (next build)");
    const r = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: REPO_ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("next build failed");
  }
  const prof = env.BENCH_CPU_PROF;
  if (prof) mkdirSync(prof, { recursive: true });
  const r = await runProxyBench({
    base: Number(env.ORRERY_BENCH_PORT_BASE ?? 38090),
    work: join(WORK, "proxy"),
    seconds: Number(env.BENCH_SECONDS ?? 3),
    refreshS: Number(env.BENCH_REFRESH_SECONDS ?? 10),
    delayMs: Number(env.BENCH_UPSTREAM_DELAY_MS ?? 50),
    refreshes: Math.max(2, Number(env.BENCH_REFRESHES ?? 3)),
    quick: QUICK,
    log,
    ...(prof ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${prof}`] } : {}),
  });
  const { sections, targets } = proxyReport(r);
  return [PROXY_BLOCK[0], sections, "### Targets (B1, B2, B3)", "", table(["target", "measured", "met"], targets), "", PROXY_BLOCK[1]].join("\n");
}

/** Replaces the block between `marks` in the report (appending it when absent). */
function replaceBlock(text: string, marks: readonly [string, string], block: string): string {
  const a = text.indexOf(marks[0]);
  const b = text.indexOf(marks[1]);
  return a >= 0 && b > a ? `${text.slice(0, a)}${block}${text.slice(b + marks[1].length)}` : `${text.trimEnd()}\n\n${block}\n`;
}

function preamble(): string {
  const nextVersion = JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "next", "package.json"), "utf8")).version as string;
  const cpu = os.cpus();
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (scripts/bench.ts). Every comparison below was measured side by side in the same run on this machine; do not compare with numbers from another machine.",
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu[0]?.model ?? "?"} × ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (shared with other work: load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")})`,
    `- Versions: Node ${process.version}, Next ${nextVersion} (\`next start\`, production)`,
    "- Notes: the per-principal rate limit (`query.rateLimit`, lib/promql/query-layer/rate-limit.ts) is off in these runs (no limit configured).",
    "",
  ].join("\n");
}

// The report's blocks in order: each is measured and written by itself with --only=<name>.
const BLOCKS: { name: string; marks: readonly [string, string]; run: () => Promise<string> }[] = [
  { name: "proxy", marks: PROXY_BLOCK, run: proxyBlock },
  { name: "browser", marks: BROWSER_BLOCK, run: browserBlock },
  { name: "wire", marks: WIRE_BLOCK, run: wireBlock },
  { name: "page", marks: PAGE_BLOCK, run: () => runPageStandalone({ base: Number(env.ORRERY_BENCH_PORT_BASE ?? 38090), work: WORK, runs: BROWSER_RUNS, log }) },
];

async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  try {
    if (ONLY) {
      const names = ONLY.split(",");
      const unknown = names.filter((n) => !BLOCKS.some((b) => b.name === n));
      if (unknown.length) throw new Error(`unknown --only=${unknown.join(",")} (${BLOCKS.map((b) => b.name).join(", ")})`);
      for (const b of BLOCKS.filter((x) => names.includes(x.name))) {
        log(`${b.name} block`);
        const block = await b.run();
        const old = existsSync(OUT) ? readFileSync(OUT, "utf8") : "# Benchmarks\n";
        writeFileSync(OUT, replaceBlock(old, b.marks, block));
        log(`wrote the ${b.name} block of ${OUT}`);
      }
      return;
    }
    const blocks: string[] = [];
    for (const b of BLOCKS) {
      log(`${b.name} block`);
      blocks.push(await b.run());
    }
    writeFileSync(OUT, `${preamble()}\n${blocks.join("\n\n")}\n`);
    log(`wrote ${OUT}`);
  } finally {
    if (env.BENCH_KEEP !== "1") rmSync(WORK, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
