import type { Topology, TopologyNode } from "./schema";

const SERVER_KINDS = new Set<TopologyNode["kind"]>(["prometheus", "thanos-query", "sidecar", "store", "rule", "receive", "query"]);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line for the page header, e.g. "3 servers, 1 down, worst federation lag 4.2 s". */
export function summarize(topology: Pick<Topology, "nodes" | "edges">): string {
  const servers = topology.nodes.filter((n) => SERVER_KINDS.has(n.kind));
  const down = servers.filter((n) => n.health === "down").length;
  const degraded = servers.filter((n) => n.health === "degraded").length;
  const parts = [plural(servers.length, "server")];
  if (down) parts.push(`${down} down`);
  if (degraded) parts.push(`${degraded} degraded`);
  const lags = topology.edges.map((e) => e.federationLagSeconds).filter((l): l is number => l !== undefined);
  if (lags.length) parts.push(`worst federation lag ${formatSeconds(Math.max(...lags))}`);
  return parts.join(", ");
}

/** "4.2 s", "3 min", "2.5 h": lag and age labels. */
export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** A PromQL expression that explains a node in Explore, or undefined when none fits. */
export function exploreExprFor(node: TopologyNode, federateJob?: string): string | undefined {
  switch (node.kind) {
    case "scrape-job":
      // A collapsed "N scrape jobs" node stands for all jobs of its server.
      return node.id.startsWith("jobs:") ? "sum by (job) (up)" : `up{job=${JSON.stringify(node.name)}}`;
    case "remote-write":
      return "sum by (remote_name, url) (rate(prometheus_remote_storage_samples_total[5m]))";
    case "bucket":
      return `sum by (job, operation) (rate(thanos_objstore_bucket_operations_total{bucket=${JSON.stringify(node.name)}}[5m]))`;
    case "compactor":
      return "thanos_compact_halted";
    case "prometheus":
      return federateJob ? `up{job=${JSON.stringify(federateJob)}}` : "prometheus_tsdb_head_series";
    case "thanos-query":
    case "sidecar":
    case "store":
    case "rule":
    case "receive":
    case "query":
      return "thanos_store_nodes_grpc_connections";
    default:
      return undefined;
  }
}
