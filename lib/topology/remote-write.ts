import type { Sample } from "./prometheus-graph";
import { stripCredentials } from "./prometheus-parse";
import type { Health, TopologyEdge, TopologyNode } from "./schema";
import { formatSeconds } from "./summary";

const STATS = ["rate", "pending", "failed", "lag"] as const;
type Stat = (typeof STATS)[number];

/**
 * One instant query for every remote_write queue of the server (`self` = label matchers of its own
 * self-scrape, so federated copies of other servers' queues are left out), one series per queue
 * and `stat`: samples/s sent, samples pending, samples/s failed, and the lag
 * prometheus_remote_storage_highest_timestamp_in_seconds - prometheus_remote_storage_queue_highest_sent_timestamp_seconds.
 * Older Prometheus names (succeeded_samples_total, failed_samples_total) are covered by `or`.
 */
export function remoteWriteQuery(self: string): string {
  const sel = `{${self}}`;
  const by = "sum by (remote_name, url)";
  const tag = (stat: Stat, expr: string) => `label_replace(${expr}, "stat", "${stat}", "", "")`;
  return [
    tag("rate", `(${by} (rate(prometheus_remote_storage_samples_total${sel}[1m])) or ${by} (rate(prometheus_remote_storage_succeeded_samples_total${sel}[1m])))`),
    tag("pending", `${by} (prometheus_remote_storage_samples_pending${sel})`),
    tag("failed", `(${by} (rate(prometheus_remote_storage_samples_failed_total${sel}[1m])) or ${by} (rate(prometheus_remote_storage_failed_samples_total${sel}[1m])))`),
    tag("lag", `max by (remote_name, url) (scalar(max(prometheus_remote_storage_highest_timestamp_in_seconds${sel})) - prometheus_remote_storage_queue_highest_sent_timestamp_seconds${sel})`),
  ].join(" or ");
}

interface Queue {
  url: string;
  name?: string;
  stats: Partial<Record<Stat, number>>;
}

/**
 * Pure: remote_write receivers of one server from its config (`remote_write[].url`, already without
 * credentials) joined with the queue metrics by `remote_name` (= the config's name) or by URL.
 * Queues only seen in metrics (config unreadable) are drawn too. URLs are shown without
 * credentials or query values. Health: unknown without metrics; degraded when samples fail or the
 * lag is over the threshold; else up.
 */
export function buildRemoteWrite(
  serverId: string,
  configured: { url: string; name?: string }[],
  samples: Sample[],
  lagThresholdSeconds: number,
): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const queues: Queue[] = configured.map((c) => ({ url: stripCredentials(c.url), ...(c.name ? { name: c.name } : {}), stats: {} }));
  for (const s of samples) {
    const stat = s.metric.stat as Stat;
    if (!STATS.includes(stat) || !Number.isFinite(s.value)) continue;
    const url = s.metric.url ? stripCredentials(s.metric.url) : undefined;
    const name = s.metric.remote_name;
    let q = queues.find((q) => (name && q.name === name) || (url !== undefined && q.url === url));
    if (!q) {
      if (!url) continue;
      q = { url, ...(name ? { name } : {}), stats: {} };
      queues.push(q);
    }
    q.stats[stat] = (q.stats[stat] ?? 0) + s.value;
  }
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const seen = new Set<string>();
  for (const q of queues) {
    const id = `remote-write:${q.url}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const { rate, pending, failed, lag } = q.stats;
    const problems: string[] = [];
    if (failed !== undefined && failed > 0) problems.push(`${failed.toFixed(1)} samples/s failing`);
    if (lag !== undefined && lag > lagThresholdSeconds) problems.push(`remote write trails by ${formatSeconds(lag)} (threshold ${formatSeconds(lagThresholdSeconds)})`);
    const known = Object.keys(q.stats).length > 0;
    const health: Health = !known ? "unknown" : problems.length ? "degraded" : "up";
    nodes.push({
      id,
      kind: "remote-write",
      name: q.name ?? q.url,
      address: q.url,
      health,
      ...(problems.length ? { healthReason: problems.join("; ") } : !known ? { healthReason: "no prometheus_remote_storage_* metrics from the sender" } : {}),
    });
    edges.push({
      id: `${serverId}->${id}`,
      source: serverId,
      target: id,
      kind: "remote-writes",
      ...(rate !== undefined ? { samplesPerSecond: rate } : {}),
      ...(pending !== undefined ? { pendingSamples: pending } : {}),
      ...(failed !== undefined ? { failedSamplesPerSecond: failed } : {}),
      ...(lag !== undefined ? { remoteWriteLagSeconds: Math.max(0, lag) } : {}),
      ...(problems.length ? { warning: problems.join("; ") } : {}),
    });
  }
  return { nodes, edges };
}
