import { parseDurationMs } from "@/lib/promql/duration";
import type { Health, TopologyEdge, TopologyNode } from "./schema";
import { requestTarget } from "./allowlist";
import { buildRemoteWrite } from "./remote-write";
import { formatSeconds } from "./summary";
import { type ActiveTarget, federationMatch, hostPort, type PrometheusConfigSummary } from "./prometheus-parse";

/** One sample of an instant-query vector. */
export interface Sample {
  metric: Record<string, string>;
  value: number;
}

/** Prometheus' default global scrape_interval. */
const DEFAULT_SCRAPE_INTERVAL_S = 60;

/** Node id of a Prometheus server, keyed by host:port so parent and child views agree. */
export const prometheusNodeId = (address: string) => `prometheus:${address}`;

export interface FederationLeaf {
  /** host:port of the child Prometheus, from the parent's target (never requested unless configured). */
  address: string;
  job: string;
  target: ActiveTarget;
  match: string[];
}

export interface PrometheusGraphOptions {
  /** `scrape_samples_scraped` of the server: joined to targets by their exact label set, so federated copies never match. */
  scraped?: Sample[];
  /** The remote-write query's samples (see REMOTE_WRITE_QUERY). */
  remoteWrite?: Sample[];
  lagThresholdSeconds?: number;
}

export interface PrometheusGraph {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  leaves: FederationLeaf[];
}

function ageSeconds(iso: string | undefined, nowMs: number): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  // Prometheus reports 0001-01-01 for a target never scraped yet.
  return Number.isFinite(t) && t > 0 ? Math.max(0, (nowMs - t) / 1000) : undefined;
}

const labelKey = (labels: Record<string, string>) =>
  JSON.stringify(Object.entries(labels).filter(([k]) => k !== "__name__").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function intervalSeconds(target: ActiveTarget, config: PrometheusConfigSummary | undefined): number {
  for (const text of [target.scrapeInterval, config?.jobs[target.scrapePool]?.scrapeInterval, config?.scrapeInterval]) {
    const ms = text ? parseDurationMs(text) : null;
    if (ms) return ms / 1000;
  }
  return DEFAULT_SCRAPE_INTERVAL_S;
}

/** Samples per second each target brings in: its last scrape's sample count over its scrape interval. */
export function targetSampleRates(targets: ActiveTarget[], config: PrometheusConfigSummary | undefined, scraped: Sample[]): Map<ActiveTarget, number> {
  const byLabels = new Map(scraped.map((s) => [labelKey(s.metric), s.value]));
  const out = new Map<ActiveTarget, number>();
  for (const t of targets) {
    const n = byLabels.get(labelKey(t.labels));
    if (n !== undefined) out.set(t, n / intervalSeconds(t, config));
  }
  return out;
}

/**
 * A Prometheus that answers is `degraded` when some of its own scrape targets are down (federation
 * targets excluded: a down leaf shows on the leaf's node), with the reason naming the jobs.
 */
export function serverHealthFromTargets(targets: ActiveTarget[]): { health: Health; reason?: string } {
  const own = targets.filter((t) => federationMatch(t.scrapeUrl) === undefined);
  const down = own.filter((t) => t.health === "down");
  if (down.length === 0) return { health: "up" };
  const jobs = [...new Set(down.map((t) => t.scrapePool))].sort();
  return { health: "degraded", reason: `${down.length} of ${own.length} scrape targets down (${jobs.length === 1 ? "job" : "jobs"} ${jobs.join(", ")})` };
}

function jobHealth(up: number, down: number): Health {
  if (up + down === 0) return "unknown";
  if (down === 0) return "up";
  return up === 0 ? "down" : "degraded";
}

/**
 * Pure: the scrape jobs, federation children and remote_write receivers of one Prometheus, from
 * its `/api/v1/targets` and `/api/v1/status/config`. Federation children come back as `leaves`
 * (and as nodes built from the parent's data only) so the caller may replace them with richer ones.
 */
export function buildPrometheusGraph(
  serverId: string,
  targets: ActiveTarget[],
  config: PrometheusConfigSummary | undefined,
  nowMs: number,
  options: PrometheusGraphOptions = {},
): PrometheusGraph {
  const rates = targetSampleRates(targets, config, options.scraped ?? []);
  const sumRates = (list: ActiveTarget[]) => {
    const known = list.map((t) => rates.get(t)).filter((r): r is number => r !== undefined);
    return known.length ? { samplesPerSecond: known.reduce((a, b) => a + b, 0) } : {};
  };
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const leaves: FederationLeaf[] = [];
  const jobs = new Map<string, ActiveTarget[]>();
  for (const t of targets) {
    const match = federationMatch(t.scrapeUrl);
    const address = t.labels.instance ?? hostPort(t.scrapeUrl);
    if (match && address) {
      const job = t.labels.job ?? t.scrapePool;
      leaves.push({ address, job, target: t, match: match.length ? match : (config?.jobs[job]?.match ?? []) });
      continue;
    }
    const list = jobs.get(t.scrapePool) ?? [];
    list.push(t);
    jobs.set(t.scrapePool, list);
  }
  for (const [job, list] of jobs) {
    const up = list.filter((t) => t.health === "up").length;
    const down = list.length - up;
    const id = `job:${serverId}/${job}`;
    const firstError = list.find((t) => t.lastError)?.lastError;
    nodes.push({
      id,
      kind: "scrape-job",
      name: job,
      health: jobHealth(up, down),
      ...(firstError ? { healthReason: firstError } : {}),
      targetsUp: up,
      targetsDown: down,
    });
    const durations = list.map((t) => t.lastScrapeDuration).filter((d): d is number => d !== undefined);
    const ages = list.map((t) => ageSeconds(t.lastScrape, nowMs)).filter((a): a is number => a !== undefined);
    edges.push({
      id: `${id}->${serverId}`,
      source: id,
      target: serverId,
      kind: "scrapes",
      ...(ages.length ? { lastScrapeAgeSeconds: Math.max(...ages) } : {}),
      ...(durations.length ? { scrapeDurationSeconds: Math.max(...durations) } : {}),
      ...sumRates(list),
      ...(firstError ? { error: firstError } : {}),
    });
  }
  for (const leaf of leaves) {
    const id = prometheusNodeId(leaf.address);
    const error = leaf.target.lastError || undefined;
    const health: Health = leaf.target.health === "up" ? "up" : leaf.target.health === "down" ? "down" : "unknown";
    nodes.push({ id, kind: "prometheus", name: leaf.address, address: leaf.address, health, ...(error ? { healthReason: error } : {}) });
    const age = ageSeconds(leaf.target.lastScrape, nowMs);
    edges.push({
      id: `${id}->${serverId}`,
      source: id,
      target: serverId,
      kind: "federates",
      job: leaf.job,
      match: leaf.match,
      ...(age !== undefined ? { lastScrapeAgeSeconds: age } : {}),
      ...(leaf.target.lastScrapeDuration !== undefined ? { scrapeDurationSeconds: leaf.target.lastScrapeDuration } : {}),
      ...sumRates([leaf.target]),
      ...(error ? { error } : {}),
    });
  }
  const rw = buildRemoteWrite(serverId, config?.remoteWrite ?? [], options.remoteWrite ?? [], options.lagThresholdSeconds ?? Infinity);
  nodes.push(...rw.nodes);
  edges.push(...rw.edges);
  return { nodes, edges, leaves };
}

const matchers = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",");

/**
 * Label matchers of the server's scrape of itself (a non-federate target on its own host:port), so
 * self-metric queries ignore copies federated from other servers; "" when it does not scrape itself.
 */
export function selfMatchers(targets: ActiveTarget[], serverUrl: string): string {
  const self = requestTarget(serverUrl);
  const t = self && targets.find((t) => {
    const r = requestTarget(t.scrapeUrl);
    return r && r.host === self.host && r.port === self.port && federationMatch(t.scrapeUrl) === undefined;
  });
  return t ? matchers({ job: t.labels.job ?? t.scrapePool, ...(t.labels.instance ? { instance: t.labels.instance } : {}) }) : "";
}

/** A federated child whose copy on the parent trails by more than the threshold is `degraded`, with the reason. */
export function markLaggingLeaves(nodes: Map<string, TopologyNode>, edges: TopologyEdge[], parent: TopologyNode, thresholdSeconds: number): void {
  for (const e of edges) {
    if (e.kind !== "federates" || e.target !== parent.id || e.federationLagSeconds === undefined || e.federationLagSeconds <= thresholdSeconds) continue;
    const text = `federated copy on ${parent.name} trails by ${formatSeconds(e.federationLagSeconds)} (threshold ${formatSeconds(thresholdSeconds)})`;
    e.warning = text;
    const leaf = nodes.get(e.source);
    if (leaf && leaf.health === "up") nodes.set(leaf.id, { ...leaf, health: "degraded", healthReason: text });
    else if (leaf && leaf.health === "degraded") nodes.set(leaf.id, { ...leaf, healthReason: [leaf.healthReason, text].filter(Boolean).join("; ") });
  }
}

