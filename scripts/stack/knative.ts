// The Knative simulator in the stacks: one exporter per leaf (east: OpenCensus names, west: OpenTelemetry
// names), scraped as job "knative" and federated into global, plus history written with promtool so the
// charts have data from the first minute.
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { promisify } from "node:util";
import { HOST } from "./net";
import { createService, type Service } from "./processes";
import { findExecutable } from "./system-deps";

const run = promisify(execFile);

export type KnativeMetricSet = "opencensus" | "otel";
export const KNATIVE_JOB = "knative";
/** The leaves' scrape interval for the simulator; the autoscaler's own tick is 2 s. */
export const KNATIVE_SCRAPE_INTERVAL_S = 2;

export interface KnativeHistory {
  /** Hours of history written before the servers start (0: none). */
  hours: number;
}

export interface KnativeLeafSpec {
  leaf: string;
  metricSet: KnativeMetricSet;
  port: number;
}

export function knativeSimScript(repoRoot: string): string {
  return join(repoRoot, "scripts", "knative-sim.ts");
}

export function knativeSimService(opts: {
  repoRoot: string;
  spec: KnativeLeafSpec;
  historyFrom: number;
  logDir: string;
  owner: string;
  onSpawn?: () => void;
}): Service {
  const { spec } = opts;
  return createService({
    name: `knative-${spec.leaf}`,
    port: spec.port,
    command: process.execPath,
    args: [
      "--import",
      "tsx",
      knativeSimScript(opts.repoRoot),
      "serve",
      "--port",
      String(spec.port),
      "--host",
      HOST,
      "--metric-set",
      spec.metricSet,
      "--history-from",
      String(opts.historyFrom),
    ],
    cwd: opts.repoRoot,
    logFile: join(opts.logDir, `knative-${spec.leaf}.log`),
    readyUrl: `http://${HOST}:${spec.port}/-/ready`,
    // It simulates its history before listening.
    readyTimeoutMs: 120_000,
    owner: opts.owner,
    onSpawn: opts.onSpawn,
  });
}

/** Labels Prometheus attaches when scraping the simulator (leaf) and, through /federate, on global. */
export function knativeScrapeLabels(spec: KnativeLeafSpec, federated?: Record<string, string>): Record<string, string> {
  return { job: KNATIVE_JOB, instance: `${HOST}:${spec.port}`, ...(federated ?? {}) };
}

interface HistoryMarker {
  /** Unix seconds up to which the data folders hold simulator data (backfilled or scraped live). */
  coveredUntil: number;
  /** The simulation start those samples came from; reusing it keeps counters and gauges continuous. */
  historyFrom?: number;
}

function markerFile(dir: string): string {
  return join(dir, "knative-history.json");
}

export function readHistoryMarker(dir: string): HistoryMarker | undefined {
  try {
    const parsed = JSON.parse(readFileSync(markerFile(dir), "utf8")) as Partial<HistoryMarker>;
    if (typeof parsed.coveredUntil !== "number" || !Number.isFinite(parsed.coveredUntil)) return undefined;
    const historyFrom = typeof parsed.historyFrom === "number" && Number.isFinite(parsed.historyFrom) ? parsed.historyFrom : undefined;
    return { coveredUntil: parsed.coveredUntil, ...(historyFrom !== undefined ? { historyFrom } : {}) };
  } catch {
    return undefined;
  }
}

export function writeHistoryMarker(dir: string, coveredUntil: number, historyFrom: number): void {
  const file = markerFile(dir);
  writeFileSync(`${file}.tmp`, JSON.stringify({ coveredUntil, historyFrom } satisfies HistoryMarker));
  // rename is atomic: a crash leaves the old or the new marker, never half of one.
  renameSync(`${file}.tmp`, file);
}

/** Serve simulates from here to "now" before listening (~6 s per simulated day), so an old start is dropped. */
const MAX_REUSED_HISTORY_S = 3 * 86_400;

/**
 * Where the simulation starts: the earlier run's start when it is recent enough (values stay continuous
 * across restarts), else half an hour before the first backfilled second (the autoscaler gets a past).
 */
export function simulationStart(nowS: number, range: { from: number } | undefined, marker: HistoryMarker | undefined): number {
  const fresh = (range?.from ?? nowS) - 1800;
  const previous = marker?.historyFrom;
  return previous !== undefined && previous <= fresh && nowS - previous <= MAX_REUSED_HISTORY_S ? previous : fresh;
}

/** Samples of request counters/histograms (per pod × code × bucket) every ~30 s, a multiple of the gauge step. */
export function requestStep(step: number): number {
  return step * Math.max(1, Math.round(30 / step));
}

/**
 * The range to backfill: the last `hours`, minus what an earlier run in the same folder already
 * holds (its marker), so a restart neither duplicates nor contradicts existing samples.
 */
export function backfillRange(nowS: number, hours: number, marker: HistoryMarker | undefined): { from: number; to: number } | undefined {
  if (hours <= 0) return undefined;
  const from = Math.max(nowS - Math.round(hours * 3600), marker ? Math.ceil(marker.coveredUntil) + 1 : -Infinity);
  // Less than two scrape intervals missing: the live scrape covers it.
  return nowS - from >= 2 * KNATIVE_SCRAPE_INTERVAL_S ? { from, to: nowS } : undefined;
}

// Hidden in --help but supported by promtool 2.42: a day in one or two blocks instead of twelve, ~5x less CPU.
const MAX_BLOCK = "--max-block-duration=24h";

export interface BackfillJob {
  /** Data folder of the leaf Prometheus that scrapes this simulator (it must not be running). */
  dataDir: string;
  spec: KnativeLeafSpec;
  step: number;
  /** Also write the same history, with these extra labels, into a second server (global, through /federate). */
  federated?: { dataDir: string; labels: Record<string, string> };
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')}"`)
    .join(",");
}

/**
 * Adds labels to one OpenMetrics sample line (`name{a="b"} value ts`); comment lines pass unchanged.
 * Finds the closing brace outside quoted label values, so values with `}` or `\"` stay intact.
 */
export function addLabelsToSampleLine(line: string, extra: string): string {
  if (line === "" || line.startsWith("#") || extra === "") return line;
  const open = line.indexOf("{");
  const space = line.indexOf(" ");
  if (open < 0 || (space >= 0 && space < open)) {
    return space < 0 ? line : `${line.slice(0, space)}{${extra}}${line.slice(space)}`;
  }
  let quoted = false;
  for (let i = open + 1; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === "\\") i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === "}") {
      const empty = i === open + 1;
      return `${line.slice(0, i)}${empty ? "" : ","}${extra}${line.slice(i)}`;
    }
  }
  return line;
}

async function copyWithLabels(from: string, to: string, labels: Record<string, string>): Promise<void> {
  const extra = labelText(labels);
  const out = createWriteStream(to);
  const lines = createInterface({ input: createReadStream(from), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!out.write(`${addLabelsToSampleLine(line, extra)}\n`)) await once(out, "drain");
  }
  out.end();
  await finished(out);
}

/**
 * Writes the simulator's history as OpenMetrics (one simulation per leaf) and turns it into TSDB
 * blocks with promtool, for the leaf and, with the federation's labels added, for global.
 */
export async function backfillKnative(opts: {
  repoRoot: string;
  workDir: string;
  range: { from: number; to: number };
  historyFrom: number;
  job: BackfillJob;
}): Promise<{ seconds: number; bytes: number }> {
  const promtool = process.env.PROMTOOL_BIN ?? findExecutable("promtool");
  if (!promtool) throw new Error("promtool is not on PATH (it ships with the Debian `prometheus` package); set PROMTOOL_BIN.");
  const started = Date.now();
  const { job, range } = opts;
  mkdirSync(opts.workDir, { recursive: true });
  const file = join(opts.workDir, `knative-${job.spec.leaf}.om`);
  const federatedFile = join(opts.workDir, `knative-${job.spec.leaf}-federated.om`);
  const labels = Object.entries(knativeScrapeLabels(job.spec))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  try {
    await run(
      process.execPath,
      [
        "--import",
        "tsx",
        knativeSimScript(opts.repoRoot),
        "backfill",
        "--metric-set",
        job.spec.metricSet,
        "--from",
        String(range.from),
        "--to",
        String(range.to),
        "--step",
        String(job.step),
        "--request-step",
        String(requestStep(job.step)),
        "--history-from",
        String(opts.historyFrom),
        "--labels",
        labels,
        "--out",
        file,
      ],
      { cwd: opts.repoRoot, maxBuffer: 16 * 1024 * 1024 },
    );
    let bytes = existsSync(file) ? statSync(file).size : 0;
    mkdirSync(job.dataDir, { recursive: true });
    const blocks = [run(promtool, ["tsdb", "create-blocks-from", "openmetrics", MAX_BLOCK, file, job.dataDir], { maxBuffer: 64 * 1024 * 1024 })];
    if (job.federated) {
      await copyWithLabels(file, federatedFile, job.federated.labels);
      bytes += statSync(federatedFile).size;
      mkdirSync(job.federated.dataDir, { recursive: true });
      blocks.push(run(promtool, ["tsdb", "create-blocks-from", "openmetrics", MAX_BLOCK, federatedFile, job.federated.dataDir], { maxBuffer: 64 * 1024 * 1024 }));
    }
    await Promise.all(blocks);
    return { seconds: (Date.now() - started) / 1000, bytes };
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`Knative history for ${job.spec.leaf} (${job.dataDir}) failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  } finally {
    rmSync(file, { force: true });
    rmSync(federatedFile, { force: true });
  }
}
