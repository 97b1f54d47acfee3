// `npm run test:hard`: the long profile of the reliability suite (test/reliability, e2e/reliability-*),
// then RELIABILITY.md with the figures and which targets were met.
//   1 vitest test/reliability (+ the authorization matrix) with ORRERY_RELIABILITY=hard
//   2 next build (unless .next/BUILD_ID exists and ORRERY_SKIP_BUILD=1)
//   3 vitest load.test.ts + next-auth-fuzz.test.ts against `next start` of that build (ORRERY_RELIABILITY_SERVER=1)
//   4 playwright e2e/reliability-*.spec.ts (its global setup starts the Prometheus stack)
// Suites append figures (one JSON line each) to the file in ORRERY_RELIABILITY_FIGURES.
// Env: ORRERY_TEST_PORT_BASE, E2E_PORT as for `npm test`; ORRERY_FUZZ_SEED to replay a run;
// ORRERY_LOAD_SECONDS (180) / ORRERY_LOAD_CONCURRENCY (8) for the load run; ORRERY_AUTH_FUZZ_RUNS (3,000);
// ORRERY_FUZZ_SHARDS (3): processes the route fuzz is split over; ORRERY_FUZZ_GROUPS=<group>[,<group>]: only those.
// `--only=<step>[,<step>]` runs some steps: vitest, matrix, build, server, playwright (figures are appended).
// `npm run test:hard -- --report-only` rewrites RELIABILITY.md from the last run's figures.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { REPO_ROOT, testStackDir } from "./stack";

type Figure = Record<string, unknown> & { suite: string };

const bin = (name: string) => join(REPO_ROOT, "node_modules", ".bin", name);

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.once("error", () => resolve(1));
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

/**
 * The route groups route-fuzz.test.ts fuzzes (`/api/<group>/...`, `/s/[id]` → `[id]`, as its groupOf):
 * from the route files on disk, so a group without a figure shows as missing rather than vanishing.
 */
function routeGroups(): string[] {
  const groups = new Set<string>();
  const walk = (dir: string, rel: string[]) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), [...rel, e.name]);
      else if (e.name === "route.ts" && rel.join("/") !== "api/auth/[...nextauth]") groups.add(rel[1] ?? rel[0] ?? "");
    }
  };
  walk(join(REPO_ROOT, "app"), []);
  return [...groups].sort();
}

function readFigures(file: string): Figure[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Figure);
}

// Figures are only written by suites that passed; an exit code, when known, must agree.
const ok = (code: number | undefined) => code === undefined || code === 0;
const n = (v: unknown) => (typeof v === "number" ? v : 0);
const sum = (fs: Figure[], key: string) => fs.reduce((t, f) => t + n(f[key]), 0);

interface Target {
  name: string;
  figure: string;
  met: boolean | undefined;
}

function targets(figs: Figure[], exits: Record<string, number>): Target[] {
  const of = (suite: string) => figs.filter((f) => f.suite === suite);
  const out: Target[] = [];

  const cont = of("proxy containment");
  const crafted = sum(cont, "crafted");
  out.push({
    name: "≥ 10,000 crafted proxy requests: 0 reach a non-configured host or a non-allowlisted path, 0 × 5xx",
    figure: cont.length ? `${crafted} crafted (${sum(cont, "routed")} routed to the handler, ${sum(cont, "upstreamRequests")} reached the upstream); ${sum(cont, "trapHits")} hits on the trap listeners, ${sum(cont, "offAllowlist")} off-allowlist paths, ${sum(cont, "fiveXx")} × 5xx` : "not run",
    met: cont.length ? crafted >= 10_000 && sum(cont, "trapHits") === 0 && ok(exits.vitest) : undefined,
  });

  const fuzz = of("route fuzz");
  const groups = new Map<string, number>(routeGroups().map((g) => [g, 0]));
  for (const f of fuzz) groups.set(String(f.group), (groups.get(String(f.group)) ?? 0) + n(f.runs));
  const missing = [...groups].filter(([, r]) => r === 0).map(([g]) => g);
  const parser = of("parser fuzz");
  out.push({
    name: "≥ 100,000 fuzzed inputs per route group: 0 crashes, 0 × 5xx, 0 hangs (and the dashboard parser)",
    figure: fuzz.length
      ? `${[...groups].filter(([, r]) => r > 0).map(([g, r]) => `${g}: ${r}`).join(", ")}${missing.length ? `; no figure (not run, or failed) for ${missing.join(", ")}` : ""}; parser: ${parser.length ? `${sum(parser, "runs")} (${sum(parser, "accepted")} accepted)` : "not run"}; 0 × 5xx / crashes / hangs / pollution in what ran (any would fail the run)`
      : "not run",
    met: fuzz.length ? [...groups.values()].every((r) => r >= 100_000) && sum(parser, "runs") >= 100_000 && ok(exits.vitest) : undefined,
  });

  const embed = of("embed tokens");
  out.push({
    name: "≥ 1,000 tampered or foreign embed-token requests: 0 run PromQL not stored in the panel",
    figure: embed.length
      ? `${sum(embed, "requests")} requests with ${embed.map((f) => f.tokenKinds).join("/")} kinds of token (tampered, foreign key, alg none, expired, revoked, other dashboard/panel/version, user B's): ${sum(embed, "refused")} refused with a 4xx and a message, ${sum(embed, "answered")} answered 200 with only the stored panel's data; at the upstream ${sum(embed, "upstreamRuns")} PromQL runs, ${sum(embed, "foreignRuns")} not the panel's stored expr (Prometheus served ${sum(embed, "prometheusServed")})`
      : "not run",
    met: embed.length ? sum(embed, "requests") >= 1_000 && sum(embed, "foreignRuns") === 0 && ok(exits.vitest) : undefined,
  });

  out.push({
    name: "Authorization matrix with spoofed internal headers: 0 mismatches",
    figure: exits.matrix === undefined ? "not run in this report" : `test/auth/routes-matrix.test.ts ${exits.matrix === 0 ? "passed" : "FAILED"} (every route × method × principal, with and without spoofed middleware headers)`,
    met: exits.matrix === undefined ? undefined : exits.matrix === 0,
  });

  const crash = of("storage crash");
  const faults = of("storage faults");
  out.push({
    name: "≥ 50 SIGKILL cycles × concurrent saves: 0 acknowledged saves lost, 0 unreadable files or rows",
    // Every store of store-crash.test.ts's STORES: one without a figure failed (or did not run).
    figure: crash.length
      ? `${["file", "postgres"].map((store) => crash.filter((f) => f.store === store).map((f) => `${f.store}: ${f.cycles} cycles, ${f.acknowledged} acknowledged saves, ${f.lost} lost, ${f.unreadable} unreadable, ${f.doubleWinners} double winners`).join("; ") || `${store}: no figure (its run failed or did not run)`).join("; ")}; syscall faults on save: ${faults.map((f) => `${f.fault} → ${f.status}`).join(", ") || "not run"}`
      : "not run",
    met: crash.length ? ["file", "postgres"].every((store) => crash.some((f) => f.store === store && n(f.cycles) >= 50)) && ok(exits.vitest) : undefined,
  });

  const api = of("fault-matrix (API)");
  const browser = of("fault matrix (browser)");
  out.push({
    name: "Fault matrix: 100% of faults shown in the right panel with the cause, 0 other panels affected, 100% recovery",
    figure: `API: ${sum(api, "ok")}/${sum(api, "faults")} fault × endpoint cases; browser: ${sum(browser, "shownWithCause")}/${sum(browser, "faults")} faults shown with the cause, ${sum(browser, "otherPanelsAffected")} healthy panels affected, ${sum(browser, "recovered")} recovered`,
    met: api.length && browser.length ? sum(api, "ok") === sum(api, "faults") && sum(browser, "recovered") === sum(browser, "faults") && ok(exits.playwright) : undefined,
  });

  const xss = of("xss");
  out.push({
    name: "XSS corpus: 0 executions",
    figure: xss.length ? `${xss.map((f) => `${f.where}: ${f.payloads} payloads, ${f.executions} executions, ${f.dialogs} dialogs`).join("; ")}` : "not run",
    met: xss.length ? sum(xss, "executions") === 0 && ok(exits.playwright) : undefined,
  });

  const cancel = of("cancellation");
  out.push({
    name: "Cancellation: navigating away or changing the range closes the upstream connection within 1 s",
    figure: cancel.length ? cancel.map((f) => `${f.how}: ${f.closed}/${f.upstreamRequests} closed, slowest ${f.slowestMs} ms${f.load1 === undefined ? "" : ` (load average ${f.load1})`}`).join("; ") : "not run",
    met: cancel.length ? cancel.every((f) => n(f.slowestMs) <= 1_000 && f.closed === f.upstreamRequests) : undefined,
  });

  const load = of("load");
  const series = (f: Figure) => (Array.isArray(f.series) ? (f.series as number[][]).filter((_, i, a) => i % Math.max(1, Math.round(a.length / 12)) === 0 || i === a.length - 1).map(([t, rss, heap]) => `${t}s ${rss}/${heap}`).join(", ") : "");
  out.push({
    name: "Load: sustained mixed traffic, no errors besides designed 429s, memory flat",
    figure: load.length
      ? load
          .map(
            (f) =>
              `${Number(f.seconds) / 60} min × ${f.concurrency} clients against next start: ${f.requests} requests (${f.perSecond}/s; ${Object.entries((f.mix as Record<string, number>) ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")}), ${f.errors} errors, ${f.rateLimited429} designed 429s, ${f.conflicts409} version conflicts (409), ${f.saves} saves; RSS median ${f.rssFirstWarmMiB} → ${f.rssLastMiB} MiB (×${f.rssRatio}), heap ${f.heapFirstWarmMiB} → ${f.heapLastMiB} MiB (×${f.heapRatio}), bound ×${f.bound} (first warm minute vs last minute). Series [s RSS/heap MiB]: ${series(f)}`,
          )
          .join("; ")
      : "not run",
    met: load.length ? load.every((f) => n(f.errors) === 0 && n(f.rssRatio) <= n(f.bound) && n(f.heapRatio) <= n(f.bound) && n(f.seconds) >= 180) : undefined,
  });

  const auth = of("next-auth fuzz");
  out.push({
    name: "next-auth's route fuzzed over HTTP (next start): 0 × 5xx / hangs, 0 sessions without the password, 0 off-origin redirects",
    figure: auth.length ? `${sum(auth, "runs")} requests; statuses ${auth.map((f) => JSON.stringify(f.statuses)).join(" ")}; 0 × 5xx, 0 hangs, 0 sessions, 0 off-origin redirects (any would fail the run)` : "not run",
    met: auth.length ? ok(exits.server) : undefined,
  });
  return out;
}

function report(figs: Figure[], exits: Record<string, number>, seconds: number): string {
  const rows = targets(figs, exits).map((t) => `| ${t.name} | ${t.figure} | ${t.met === undefined ? "—" : t.met ? "met" : "**not met**"} |`);
  return `# Reliability figures

Written by \`npm run test:hard\` on ${new Date().toISOString()} (${Math.round(seconds / 60)} min; machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} at the end).
Suite exits: ${Object.entries(exits).map(([k, v]) => `${k} ${v === 0 ? "passed" : `FAILED (${v})`}`).join(", ") || "none (rewritten from the figures of an earlier run)"}.
Replay a fuzz run with \`ORRERY_FUZZ_SEED=<seed>\` (the seed is printed on failure).

| Target | Figure | |
|---|---|---|
${rows.join("\n")}

Crash tests cover process crashes only (SIGKILL keeps the page cache): atomicity and ordering, not
power-loss durability. Disk-full and I/O errors are injected with \`strace -e inject\` on fsync/rename.

<details><summary>Raw figures</summary>

\`\`\`
${figs.map((f) => JSON.stringify(f)).join("\n")}
\`\`\`
</details>
`;
}

async function main(): Promise<number> {
  const started = Date.now();
  // Beside the test stack's folder, not in it: Playwright's global set-up starts the stack `fresh`,
  // which empties that folder, and took the figures of the steps before it (vitest, server) along.
  const dir = `${testStackDir()}-reliability`;
  mkdirSync(dir, { recursive: true });
  const figures = join(dir, "figures.jsonl");
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
  const step = (name: string) => !only || only.includes(name);
  if (!process.argv.includes("--report-only") && !only) rmSync(figures, { force: true });
  const env = { ORRERY_RELIABILITY: "hard", ORRERY_RELIABILITY_FIGURES: figures, NEXT_TELEMETRY_DISABLED: "1" };
  const exits: Record<string, number> = {};
  if (process.argv.includes("--report-only")) {
    // Rewrites RELIABILITY.md from the figures of the last (possibly partial) run; suites not run show "not run".
    const text = report(readFigures(figures), {}, 0);
    writeFileSync(join(REPO_ROOT, "RELIABILITY.md"), text);
    console.log(text);
    return 0;
  }
  if (step("vitest")) {
    // The route fuzz (~1.4 M inputs) runs as ORRERY_FUZZ_SHARDS processes beside the other suites:
    // one process leaves a core idle while handlers wait on fsync and loopback I/O.
    const shards = Math.max(1, Number(process.env.ORRERY_FUZZ_SHARDS ?? 3) || 3);
    const fuzz = "test/reliability/route-fuzz.test.ts";
    const codes = await Promise.all([
      run(bin("vitest"), ["run", "test/reliability", "--exclude", fuzz], { ...env, ORRERY_TEST_STACK: "0" }),
      ...Array.from({ length: shards }, (_, i) => run(bin("vitest"), ["run", fuzz], { ...env, ORRERY_TEST_STACK: "0", ORRERY_FUZZ_SHARD: `${i + 1}/${shards}` })),
    ]);
    exits.vitest = codes.find((c) => c !== 0) ?? 0;
  }
  if (step("matrix")) exits.matrix = await run(bin("vitest"), ["run", "test/auth/routes-matrix.test.ts"], { ...env, ORRERY_TEST_STACK: "0" });
  const haveBuild = existsSync(join(REPO_ROOT, ".next", "BUILD_ID"));
  const built = () => (haveBuild && process.env.ORRERY_SKIP_BUILD === "1" ? 0 : run(bin("next"), ["build"], env));
  if (step("build") || ((step("server") || step("playwright")) && !haveBuild)) exits.build = await built();
  const buildOk = exits.build === undefined || exits.build === 0;
  if (step("server")) {
    exits.server = buildOk
      ? await run(bin("vitest"), ["run", "test/reliability/load.test.ts", "test/reliability/next-auth-fuzz.test.ts"], { ...env, ORRERY_TEST_STACK: "0", ORRERY_RELIABILITY_SERVER: "1" })
      : 1;
  }
  if (step("playwright")) exits.playwright = buildOk ? await run(bin("playwright"), ["test", "e2e/reliability-faults.spec.ts", "e2e/reliability-xss.spec.ts"], env) : 1;
  const text = report(readFigures(figures), exits, (Date.now() - started) / 1000);
  writeFileSync(join(REPO_ROOT, "RELIABILITY.md"), text);
  console.log(text);
  return Object.values(exits).every((c) => c === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
