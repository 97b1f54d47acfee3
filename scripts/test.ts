// `npm test`: everything CI checks, in order, ending with one line "N passed, N failed".
//   1 eslint via `npm run lint` (1 test)  2 tsc via `npm run typecheck` (1 test)  3 start one Prometheus federation stack in .test-stack/
//   4 vitest (counted from its JSON report)  5 next build (1 test)  6 playwright (JSON report)  7 stop the stack
// On a fresh Debian machine as root it first runs `npm ci` and apt-installs prometheus, chromium, redis-server and postgresql.
// Env: ORRERY_TEST_PORT_BASE (29090: global 29090, east 29091, west 29092, exporters 29201/29202,
//      e2e `down` datasource 29099), E2E_PORT (13000), CHROMIUM_PATH (/usr/bin/chromium), PROMETHEUS_BIN.
// The suites get the stack as ORRERY_TEST_GLOBAL_URL, ORRERY_TEST_EAST_URL, ORRERY_TEST_WEST_URL.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  CHROMIUM_REQUIREMENT,
  ensureNodeModules,
  ensureSystemPackages,
  PROMETHEUS_REQUIREMENT,
  POSTGRES_REQUIREMENT,
  REDIS_REQUIREMENT,
  REPO_ROOT,
  type Stack,
  stackUrlsToEnv,
  startStack,
  testStackDir,
  testStackPorts,
} from "./stack";

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
  note?: string;
}

const results: SuiteResult[] = [];
const bin = (name: string) => join(REPO_ROOT, "node_modules", ".bin", name);

function banner(text: string): void {
  console.log(`\n===== ${text} =====`);
}

function record(result: SuiteResult): void {
  results.push(result);
  const note = result.note ? ` (${result.note})` : "";
  console.log(`--> ${result.name}: ${result.passed} passed, ${result.failed} failed in ${result.seconds.toFixed(1)} s${note}`);
}

/** Runs a command with our stdout/stderr; resolves with its exit code (1 when it could not start or was killed). */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.once("error", (err) => {
      console.error(`Could not run ${command}: ${err.message}`);
      resolve(1);
    });
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

async function single(name: string, command: string, args: string[], env?: Record<string, string>): Promise<boolean> {
  banner(name);
  const started = Date.now();
  const code = await run(command, args, env);
  record({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds: (Date.now() - started) / 1000 });
  return code === 0;
}

/** A fresh path for a suite's JSON report, so a stale report is never read. */
function reportPath(name: string): string {
  const dir = join(testStackDir(), "reports");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  rmSync(file, { force: true });
  return file;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

async function vitest(env: Record<string, string>): Promise<void> {
  banner("vitest");
  const started = Date.now();
  const report = reportPath("vitest.json");
  const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], env);
  const json = readJson<VitestReport>(report);
  const seconds = (Date.now() - started) / 1000;
  if (!json) return record({ name: "vitest", passed: 0, failed: 1, seconds, note: `no report (exit ${code})` });
  // A file that fails to load has no failed assertions but must still count.
  const brokenFiles = json.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
  let failed = json.numFailedTests + brokenFiles;
  const note = code !== 0 && failed === 0 ? `exit ${code} without a failed test` : undefined;
  if (note) failed = 1;
  record({ name: "vitest", passed: json.numPassedTests, failed, seconds, note });
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: unknown[];
}

async function playwright(env: Record<string, string>): Promise<void> {
  banner("playwright");
  const started = Date.now();
  const report = reportPath("playwright.json");
  const code = await run(bin("playwright"), ["test"], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: report });
  const json = readJson<PlaywrightReport>(report);
  const seconds = (Date.now() - started) / 1000;
  if (!json) return record({ name: "playwright", passed: 0, failed: 1, seconds, note: `no report (exit ${code})` });
  const { expected, unexpected, flaky, skipped } = json.stats;
  // Errors outside tests (webServer, globalSetup) leave unexpected at 0.
  let failed = unexpected + flaky + (unexpected === 0 && json.errors.length > 0 ? 1 : 0);
  if (code !== 0 && failed === 0) failed = 1;
  record({ name: "playwright", passed: expected, failed, seconds, note: skipped ? `${skipped} skipped` : undefined });
}

async function main(): Promise<number> {
  const log = (msg: string) => console.log(msg);
  ensureNodeModules(REPO_ROOT, log);
  const missing = ensureSystemPackages([PROMETHEUS_REQUIREMENT, CHROMIUM_REQUIREMENT, REDIS_REQUIREMENT, POSTGRES_REQUIREMENT], log);
  for (const m of missing) record({ name: `system package ${m.aptPackage}`, passed: 0, failed: 1, seconds: 0, note: `${m.what} missing` });

  // Through package.json so the commands stay defined in one place (typecheck may run `next typegen` first).
  await single("eslint (npm run lint)", "npm", ["run", "--silent", "lint"]);
  const typed = await single("tsc (npm run typecheck)", "npm", ["run", "--silent", "typecheck"]);

  banner("test stack");
  let stack: Stack | undefined;
  const stackStarted = Date.now();
  try {
    stack = await startStack({ dir: testStackDir(), fresh: true, ports: testStackPorts(), retention: "1d", log: (m) => console.log(`[test stack] ${m}`) });
    console.log(`Stack: global ${stack.urls.global}, east ${stack.urls.east}, west ${stack.urls.west}`);
  } catch (err) {
    console.error((err as Error).message);
    record({ name: "test stack", passed: 0, failed: 1, seconds: (Date.now() - stackStarted) / 1000, note: "could not start" });
  }

  try {
    const env: Record<string, string> = { NEXT_TELEMETRY_DISABLED: "1", ...(stack ? stackUrlsToEnv(stack.urls) : {}) };
    if (stack) await vitest(env);
    else record({ name: "vitest", passed: 0, failed: 1, seconds: 0, note: "not run: no test stack" });

    // tsc passed above: the build skips Next's second, identical type check (next.config.js).
    const built = await single("next build", bin("next"), ["build"], typed ? { ...env, ORRERY_BUILD_SKIP_TYPECHECK: "1" } : env);
    if (stack && built && existsSync(join(REPO_ROOT, ".next", "BUILD_ID"))) await playwright(env);
    else record({ name: "playwright", passed: 0, failed: 1, seconds: 0, note: `not run: ${stack ? "build failed" : "no test stack"}` });
  } finally {
    if (stack) {
      banner("stopping the test stack");
      await stack.stop();
    }
  }

  banner("summary");
  for (const r of results) console.log(`${r.name.padEnd(28)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed${r.note ? `  (${r.note})` : ""}`);
  return printTotals(0);
}

function printTotals(extraFailed: number): number {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, extraFailed);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(printTotals(1));
  },
);
