import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assertPortFree, HOST, httpGet, pollUntil } from "./net";
import { createService, reapOrphans, type Service } from "./processes";
import { createPrometheus, type ScrapeJob } from "./prometheus";
import {
  backfillKnative,
  backfillRange,
  KNATIVE_JOB,
  KNATIVE_SCRAPE_INTERVAL_S,
  type KnativeLeafSpec,
  knativeSimScript,
  knativeSimService,
  readHistoryMarker,
  simulationStart,
  writeHistoryMarker,
} from "./knative";
import { findExecutable } from "./system-deps";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const EXPORTER_SCRIPT = join(REPO_ROOT, "scripts", "demo-exporter.ts");

export const LEAVES = ["east", "west"] as const;
export type Leaf = (typeof LEAVES)[number];
export type StackServer = "global" | Leaf | "exporter-east" | "exporter-west" | "node-exporter" | "knative-east" | "knative-west";

/** What the global instance pulls from each leaf's /federate. */
export const FEDERATE_MATCH = ['{job="prometheus"}', '{job="demo"}', `{job="${KNATIVE_JOB}"}`, '{__name__=~"up|node_.*"}'];

/** East exposes Knative's OpenCensus-era names, west the OpenTelemetry-era ones, so both are exercised. */
export const KNATIVE_METRIC_SETS = { east: "opencensus", west: "otel" } as const;

export interface StackPorts {
  global: number;
  east: number;
  west: number;
  exporterEast: number;
  exporterWest: number;
  nodeExporter?: number;
  /** Knative simulator per leaf; without both, no simulator runs. */
  knativeEast?: number;
  knativeWest?: number;
}

export interface StackUrls {
  global: string;
  east: string;
  west: string;
}

export interface StackOptions {
  /** Holds config, data and logs of every process; data survives restarts. */
  dir: string;
  ports: StackPorts;
  /** Also run prometheus-node-exporter (needs ports.nodeExporter and the binary; skipped otherwise). */
  nodeExporter?: boolean;
  log?: (msg: string) => void;
  retention?: string;
  /** Bound on the wait for federated data from both leaves. */
  readyTimeoutMs?: number;
  /** Wipe `dir` first (after stopping orphans recorded there), for tests that want no old data. */
  fresh?: boolean;
  /** Hours of Knative simulator history to backfill (default 1; only what the folder does not hold yet). */
  knativeHistoryHours?: number;
  /**
   * Seconds between backfilled samples (default 10). The simulator exposes ~500 series (per-pod latency
   * histograms), so 24 h at the live 2 s would be gigabytes of OpenMetrics; 60 s keeps a day under a minute.
   */
  knativeHistoryStep?: number;
}

export interface Stack {
  dir: string;
  urls: StackUrls;
  exporterUrls: Record<Leaf, string>;
  nodeExporterUrl?: string;
  /** The Knative simulators' /metrics base URLs, when they run. */
  knativeUrls?: Record<Leaf, string>;
  stop(): Promise<void>;
  stopServer(name: StackServer): Promise<void>;
  startServer(name: StackServer): Promise<void>;
}

/** Default layout: global=base, east=base+1, west=base+2, node exporter=base+10, exporters=base+111/112, Knative simulators=base+121/122. */
export function stackPortsFromBase(base: number): Required<StackPorts> {
  return {
    global: base,
    east: base + 1,
    west: base + 2,
    nodeExporter: base + 10,
    exporterEast: base + 111,
    exporterWest: base + 112,
    knativeEast: base + 121,
    knativeWest: base + 122,
  };
}

const url = (port: number) => `http://${HOST}:${port}`;

function leafJobs(exporterPort: number, nodePort: number | undefined, knativePort: number | undefined): ScrapeJob[] {
  const jobs: ScrapeJob[] = [{ job_name: "demo", scrape_interval: "1s", static_configs: [{ targets: [`${HOST}:${exporterPort}`] }] }];
  if (nodePort) jobs.push({ job_name: "node", static_configs: [{ targets: [`${HOST}:${nodePort}`] }] });
  if (knativePort) {
    jobs.push({ job_name: KNATIVE_JOB, scrape_interval: `${KNATIVE_SCRAPE_INTERVAL_S}s`, static_configs: [{ targets: [`${HOST}:${knativePort}`] }] });
  }
  return jobs;
}

function globalJobs(ports: StackPorts): ScrapeJob[] {
  return [
    {
      job_name: "federate",
      honor_labels: true,
      metrics_path: "/federate",
      params: { "match[]": FEDERATE_MATCH },
      static_configs: [{ targets: [`${HOST}:${ports.east}`, `${HOST}:${ports.west}`] }],
    },
  ];
}

/** Clusters for which the global instance holds federated `up` samples (newer than `sinceMs`, if given). */
export async function federatedClusters(globalUrl: string, sinceMs = 0): Promise<string[]> {
  // A reused data folder still holds fresh-looking samples of the last run; only new ones prove federation works.
  const query = encodeURIComponent(`count by (cluster) (timestamp(up{cluster!=""}) > ${Math.floor(sinceMs / 1000)})`);
  const res = await httpGet(`${globalUrl}/api/v1/query?query=${query}`);
  if (res?.status !== 200) return [];
  try {
    const body = JSON.parse(res.text) as { data?: { result?: { metric?: { cluster?: string } }[] } };
    return (body.data?.result ?? []).map((r) => r.metric?.cluster ?? "").filter(Boolean).sort();
  } catch {
    return [];
  }
}

interface PidFile {
  ownerPid: number;
  children: Record<string, number>;
}

function readPidFile(file: string): PidFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<PidFile>;
    return typeof parsed.ownerPid === "number" ? { ownerPid: parsed.ownerPid, children: parsed.children ?? {} } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Refuses a folder another live stack uses; kills what a dead owner left behind. */
async function claimDir(dir: string, pidFile: string, log: (msg: string) => void): Promise<void> {
  const previous = readPidFile(pidFile);
  if (previous && previous.ownerPid !== process.pid && isAlive(previous.ownerPid)) {
    throw new Error(
      `${dir} is in use by a running stack (owner pid ${previous.ownerPid}). ` +
        "Stop that run, or use another folder and other ports (tests: ORRERY_TEST_PORT_BASE).",
    );
  }
  const reaped = previous ? await reapOrphans(Object.values(previous.children), dir) : [];
  if (reaped.length) log(`Stopped ${reaped.length} orphaned process(es) of an earlier run in ${dir}`);
}

/**
 * Starts two leaf Prometheus servers (east, west) with their demo exporters and a global
 * Prometheus federating both, all on 127.0.0.1; resolves once global holds `up` from both leaves.
 */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const dir = resolve(opts.dir);
  const log = opts.log ?? (() => {});
  const { ports } = opts;
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, "pids.json");
  await claimDir(dir, pidFile, log);
  if (opts.fresh) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  const nodeBin = findExecutable("prometheus-node-exporter") ?? findExecutable("node_exporter");
  const nodePort = opts.nodeExporter && nodeBin && ports.nodeExporter ? ports.nodeExporter : undefined;
  if (opts.nodeExporter && !nodePort) {
    log(nodeBin ? "Node exporter skipped: no port given." : "Node exporter skipped: prometheus-node-exporter is not installed.");
  }

  const knativeSpecs: Partial<Record<Leaf, KnativeLeafSpec>> =
    ports.knativeEast && ports.knativeWest && existsSync(knativeSimScript(REPO_ROOT))
      ? {
          east: { leaf: "east", metricSet: KNATIVE_METRIC_SETS.east, port: ports.knativeEast },
          west: { leaf: "west", metricSet: KNATIVE_METRIC_SETS.west, port: ports.knativeWest },
        }
      : {};
  const nowS = Math.floor(Date.now() / 1000);
  const marker = readHistoryMarker(dir);
  const history = knativeSpecs.east ? backfillRange(nowS, opts.knativeHistoryHours ?? 1, marker) : undefined;
  // Backfill and live simulator share this start, so their values agree at equal timestamps.
  const historyFrom = simulationStart(nowS, history, marker);
  const historyStep = Math.max(KNATIVE_SCRAPE_INTERVAL_S, Math.round(opts.knativeHistoryStep ?? 10));

  const services = new Map<StackServer, Service>();
  const writePids = () => {
    const children: Record<string, number> = {};
    for (const [n, s] of services) {
      const pid = s.pid();
      if (s.isRunning() && pid) children[n] = pid;
    }
    writeFileSync(pidFile, JSON.stringify({ ownerPid: process.pid, children } satisfies PidFile, null, 2));
  };

  const exporter = (leaf: Leaf, port: number): Service =>
    createService({
      name: `exporter-${leaf}`,
      port,
      command: process.execPath,
      args: ["--import", "tsx", EXPORTER_SCRIPT, "--port", String(port), "--cluster", leaf],
      cwd: REPO_ROOT, // `--import tsx` resolves from here
      logFile: join(dir, "logs", `exporter-${leaf}.log`),
      readyUrl: `${url(port)}/metrics`,
      owner: dir,
      onSpawn: writePids,
    });
  const leafPrometheus = (leaf: Leaf, port: number, exporterPort: number) =>
    createPrometheus({
      name: leaf,
      dir: join(dir, leaf),
      port,
      externalLabels: { cluster: leaf, replica: "a" },
      scrapeJobs: leafJobs(exporterPort, nodePort, knativeSpecs[leaf]?.port),
      retention: opts.retention,
      owner: dir,
      onSpawn: writePids,
    });

  for (const spec of Object.values(knativeSpecs)) {
    services.set(
      `knative-${spec.leaf as Leaf}`,
      knativeSimService({ repoRoot: REPO_ROOT, spec, historyFrom, logDir: join(dir, "logs"), owner: dir, onSpawn: writePids }),
    );
  }
  services.set("exporter-east", exporter("east", ports.exporterEast));
  services.set("exporter-west", exporter("west", ports.exporterWest));
  services.set("east", leafPrometheus("east", ports.east, ports.exporterEast));
  services.set("west", leafPrometheus("west", ports.west, ports.exporterWest));
  services.set(
    "global",
    createPrometheus({
      name: "global",
      dir: join(dir, "global"),
      port: ports.global,
      scrapeJobs: globalJobs(ports),
      retention: opts.retention,
      owner: dir,
      onSpawn: writePids,
    }),
  );
  if (nodePort && nodeBin) {
    services.set(
      "node-exporter",
      createService({
        name: "node-exporter",
        port: nodePort,
        command: nodeBin,
        args: [`--web.listen-address=${HOST}:${nodePort}`],
        logFile: join(dir, "logs", "node-exporter.log"),
        readyUrl: `${url(nodePort)}/metrics`,
        owner: dir,
        onSpawn: writePids,
      }),
    );
  }
  // While the simulators run, the data folders keep covering "now": a restart backfills only the gap.
  let heartbeat: NodeJS.Timeout | undefined;
  const markCovered = () => {
    if (services.get("knative-east")?.isRunning()) writeHistoryMarker(dir, Math.floor(Date.now() / 1000), historyFrom);
  };
  const stop = async () => {
    clearInterval(heartbeat);
    markCovered();
    await Promise.all([...services.values()].map((s) => s.stop()));
    rmSync(pidFile, { force: true });
  };
  const service = (name: StackServer): Service => {
    const s = services.get(name);
    if (!s) throw new Error(`Unknown or disabled stack server "${name}"`);
    return s;
  };

  writePids();
  try {
    // Check every port before starting anything, so a busy port fails fast and names itself.
    for (const s of services.values()) await assertPortFree(s.port, s.name);
    if (history) {
      const span = history.to - history.from;
      const amount = span >= 3600 ? `${(span / 3600).toFixed(1)} h` : `${Math.round(span / 60)} min`;
      log(`Writing ${amount} of Knative simulator history (promtool) into east, west and global`);
      const jobs = Object.values(knativeSpecs).map((spec) => ({
        dataDir: join(dir, spec.leaf, "data"),
        spec,
        step: historyStep,
        // What /federate hands global: the leaf's series plus its external labels (honor_labels keeps job/instance).
        federated: { dataDir: join(dir, "global", "data"), labels: { cluster: spec.leaf, replica: "a" } },
      }));
      const results = await Promise.all(
        jobs.map((job) => backfillKnative({ repoRoot: REPO_ROOT, workDir: join(dir, "backfill"), range: history, historyFrom, job })),
      );
      const mb = results.reduce((n, r) => n + r.bytes, 0) / 1e6;
      log(`Knative history written in ${((Date.now() - started) / 1000).toFixed(1)} s (${mb.toFixed(0)} MB of OpenMetrics)`);
    }
    const exporters = [...services].filter(([n]) => n !== "global" && !LEAVES.includes(n as Leaf));
    await Promise.all(exporters.map(([, s]) => s.start()));
    await Promise.all([service("east").start(), service("west").start(), service("global").start()]);
    log(`Prometheus servers ready after ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for federated data`);
    await pollUntil(
      `global Prometheus (${url(ports.global)}) to return federated \`up\` series for clusters east and west ` +
        `(logs are in ${dir}/*/prometheus.log)`,
      async () => ((await federatedClusters(url(ports.global), started)).join() === "east,west" ? true : undefined),
      { timeoutMs: opts.readyTimeoutMs ?? 60_000, intervalMs: 250 },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  log(`Stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (knativeSpecs.east) {
    markCovered();
    heartbeat = setInterval(markCovered, 30_000);
    heartbeat.unref();
  }

  return {
    dir,
    urls: { global: url(ports.global), east: url(ports.east), west: url(ports.west) },
    exporterUrls: { east: url(ports.exporterEast), west: url(ports.exporterWest) },
    nodeExporterUrl: nodePort ? url(nodePort) : undefined,
    knativeUrls: knativeSpecs.east && knativeSpecs.west ? { east: url(knativeSpecs.east.port), west: url(knativeSpecs.west.port) } : undefined,
    stop,
    stopServer: async (name) => {
      await service(name).stop();
      writePids();
    },
    startServer: async (name) => {
      await service(name).start();
      writePids();
    },
  };
}
