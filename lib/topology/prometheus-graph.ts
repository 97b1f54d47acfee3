import type { Health, TopologyEdge, TopologyNode } from "./schema";
import { type ActiveTarget, federationMatch, hostPort, type PrometheusConfigSummary } from "./prometheus-parse";

/** Node id of a Prometheus server, keyed by host:port so parent and child views agree. */
export const prometheusNodeId = (address: string) => `prometheus:${address}`;

export interface FederationLeaf {
  /** host:port of the child Prometheus, from the parent's target (never requested unless configured). */
  address: string;
  job: string;
  target: ActiveTarget;
  match: string[];
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
): PrometheusGraph {
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
      ...(error ? { error } : {}),
    });
  }
  for (const rw of config?.remoteWrite ?? []) {
    const id = `remote-write:${rw.url}`;
    nodes.push({ id, kind: "remote-write", name: rw.name ?? rw.url, address: rw.url, health: "unknown" });
    edges.push({ id: `${serverId}->${id}`, source: serverId, target: id, kind: "remote-writes" });
  }
  return { nodes, edges, leaves };
}
