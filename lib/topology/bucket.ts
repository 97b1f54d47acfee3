import type { Sample } from "./prometheus-graph";
import type { NodeKind, TopologyEdge, TopologyNode } from "./schema";

/**
 * Per bucket user and operation: the counter's total (has it ever done this?) and its 5m rate. Every
 * objstore client (sidecar, store gateway, compactor, ruler, receiver) exports
 * thanos_objstore_bucket_operations_total{bucket, operation}.
 */
export const BUCKET_QUERY = [
  'label_replace(sum by (bucket, job, instance, operation) (thanos_objstore_bucket_operations_total), "stat", "total", "", "")',
  'label_replace(sum by (bucket, job, instance, operation) (rate(thanos_objstore_bucket_operations_total[5m])), "stat", "rate", "", "")',
].join(" or ");

const WRITE_OPS = new Set(["upload", "delete"]);
const READ_OPS = new Set(["get", "get_range", "iter", "exists", "attributes"]);

const hostOf = (address: string) => address.replace(/:\d+$/, "").toLowerCase();

function componentKind(job: string): NodeKind {
  if (/compact/i.test(job)) return "compactor";
  if (/sidecar/i.test(job)) return "sidecar";
  if (/store/i.test(job)) return "store";
  if (/rule/i.test(job)) return "rule";
  if (/receive/i.test(job)) return "receive";
  return "thanos-component";
}

/**
 * Pure: one `bucket` node per bucket label and its users. A user is the already drawn StoreAPI node
 * on the same host as the metric's `instance` (its HTTP port differs from the gRPC one), when exactly
 * one matches; else a node of its own, named by job and instance (e.g. the compactor, which has no
 * StoreAPI). Edges: user → bucket "uploads" when it ever uploaded or deleted, bucket → user
 * "reads" when it ever read; operationsPerSecond is the 5m rate.
 */
export function buildBucketGraph(samples: Sample[], existing: TopologyNode[]): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge & { total: number }>();
  const endpoints = existing.filter((n) => n.kind !== "bucket" && n.kind !== "scrape-job" && n.kind !== "remote-write" && n.address);
  for (const s of samples) {
    const { bucket, job = "", instance = "", operation = "", stat } = s.metric;
    if (!bucket || !Number.isFinite(s.value) || (stat !== "total" && stat !== "rate")) continue;
    const direction = WRITE_OPS.has(operation) ? "uploads" : READ_OPS.has(operation) ? "reads" : undefined;
    if (!direction) continue;
    const bucketId = `bucket:${bucket}`;
    if (!nodes.has(bucketId)) nodes.set(bucketId, { id: bucketId, kind: "bucket", name: bucket, health: "unknown" });
    const sameHost = instance ? endpoints.filter((n) => hostOf(n.address!) === hostOf(instance)) : [];
    let userId: string;
    if (sameHost.length === 1) userId = sameHost[0]!.id;
    else {
      userId = `component:${job}/${instance}`;
      if (!nodes.has(userId)) nodes.set(userId, { id: userId, kind: componentKind(job), name: instance ? `${job} ${instance}` : job, ...(instance ? { address: instance } : {}), health: "unknown" });
    }
    const [source, target] = direction === "uploads" ? [userId, bucketId] : [bucketId, userId];
    const id = `${source}->${target}`;
    const edge = edges.get(id) ?? { id, source, target, kind: direction, total: 0 };
    if (stat === "total") edge.total += s.value;
    else edge.operationsPerSecond = (edge.operationsPerSecond ?? 0) + s.value;
    edges.set(id, edge);
  }
  const kept = [...edges.values()].filter((e) => e.total > 0).map(({ total: _total, ...e }) => e);
  const used = new Set(kept.flatMap((e) => [e.source, e.target]));
  return { nodes: [...nodes.values()].filter((n) => used.has(n.id)), edges: kept };
}
