import "server-only";
import type { Datasource } from "@/lib/config";
import { fetchApiData, instantQuery } from "./fetch-api";
import { buildPrometheusGraph, type FederationLeaf, prometheusNodeId } from "./prometheus-graph";
import { hostPort, parsePrometheusConfig, parseTargets } from "./prometheus-parse";
import type { TopologyEdge, TopologyNode } from "./schema";

/** Federation chains deeper than this are cut off (and reported), guarding against config loops. */
const MAX_DEPTH = 4;

export interface DiscoverContext {
  /** Configured datasources: the only servers Orrery may request. */
  datasources: Datasource[];
  signal?: AbortSignal;
  nowMs: number;
  visited: Set<string>;
  errors: { source: string; message: string }[];
}

export interface SubGraph {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  server: TopologyNode;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const selector = (labels: Record<string, string>) =>
  `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}}`;

/** The configured Prometheus datasource whose URL has this host:port, if any. */
export function configuredFor(address: string, datasources: Datasource[]): Datasource | undefined {
  return datasources.find((d) => d.type === "prometheus" && hostPort(d.url) === address.toLowerCase());
}

async function sizeOf(ds: Datasource, signal?: AbortSignal) {
  const [head, rate] = await Promise.all([
    instantQuery(ds, "max(prometheus_tsdb_head_series)", signal),
    instantQuery(ds, "sum(rate(prometheus_tsdb_head_samples_appended_total[1m]))", signal),
  ]);
  return { headSeries: head[0]?.value, samplesPerSecond: rate[0]?.value };
}

/**
 * Reads one configured Prometheus (`/api/v1/targets`, `/status/config`, `/status/buildinfo`, two
 * instant queries) and recurses into federation children that are themselves configured.
 */
export async function discoverPrometheus(ds: Datasource, ctx: DiscoverContext, depth = 0): Promise<SubGraph> {
  const address = hostPort(ds.url) ?? ds.url;
  const id = prometheusNodeId(address);
  ctx.visited.add(address);
  const [targets, config, build, size] = await Promise.allSettled([
    fetchApiData(ds, "targets", { state: "active" }, ctx.signal).then(parseTargets),
    fetchApiData(ds, "status/config", {}, ctx.signal).then((d) => parsePrometheusConfig((d as { yaml: string }).yaml)),
    fetchApiData(ds, "status/buildinfo", {}, ctx.signal).then((d) => (d as { version?: string }).version),
    sizeOf(ds, ctx.signal),
  ]);
  const base = { id, kind: "prometheus" as const, name: ds.name, datasourceId: ds.id, address };
  if (targets.status === "rejected") {
    const reason = message(targets.reason);
    ctx.errors.push({ source: ds.id, message: reason });
    return { nodes: [], edges: [], server: { ...base, health: "down", healthReason: reason } };
  }
  const partial = [config, build, size].filter((r) => r.status === "rejected").map((r) => message((r as PromiseRejectedResult).reason));
  for (const m of partial) ctx.errors.push({ source: ds.id, message: m });
  const cfg = config.status === "fulfilled" ? config.value : undefined;
  const server: TopologyNode = {
    ...base,
    health: partial.length ? "degraded" : "up",
    ...(partial.length ? { healthReason: partial.join("; ") } : {}),
    ...(build.status === "fulfilled" && build.value ? { version: build.value } : {}),
    ...(cfg ? { externalLabels: cfg.externalLabels } : {}),
    ...(size.status === "fulfilled" && size.value.headSeries !== undefined ? { headSeries: size.value.headSeries } : {}),
    ...(size.status === "fulfilled" && size.value.samplesPerSecond !== undefined ? { samplesPerSecond: size.value.samplesPerSecond } : {}),
  };
  const graph = buildPrometheusGraph(id, targets.value, cfg, ctx.nowMs);
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = [...graph.edges];
  const children = await Promise.all(graph.leaves.map((leaf) => discoverLeaf(leaf, ctx, depth)));
  for (const child of children) {
    if (!child) continue;
    for (const n of [...child.nodes, child.server]) nodes.set(n.id, n);
    edges.push(...child.edges);
  }
  await addFederationLags(ds, graph.leaves, children, edges, ctx);
  return { nodes: [...nodes.values()], edges, server };
}

async function discoverLeaf(leaf: FederationLeaf, ctx: DiscoverContext, depth: number): Promise<SubGraph | undefined> {
  const ds = configuredFor(leaf.address, ctx.datasources);
  if (!ds || ctx.visited.has(leaf.address)) return undefined;
  if (depth + 1 >= MAX_DEPTH) {
    ctx.errors.push({ source: ds.id, message: `federation deeper than ${MAX_DEPTH} levels; not followed` });
    return undefined;
  }
  return discoverPrometheus(ds, ctx, depth + 1);
}

// Lag = now - newest federated sample carrying the leaf's external labels (known when the leaf is a
// configured datasource); else the age of the parent's last successful /federate scrape of it.
async function addFederationLags(ds: Datasource, leaves: FederationLeaf[], children: (SubGraph | undefined)[], edges: TopologyEdge[], ctx: DiscoverContext) {
  await Promise.all(
    leaves.map(async (leaf, i) => {
      const edge = edges.find((e) => e.kind === "federates" && e.source === prometheusNodeId(leaf.address) && e.target === prometheusNodeId(hostPort(ds.url) ?? ds.url));
      if (!edge || leaf.target.health !== "up") return;
      const labels = children[i]?.server.externalLabels;
      const query = labels && Object.keys(labels).length
        ? `time() - max(timestamp(up${selector(labels)}))`
        : `time() - max(timestamp(up${selector({ job: leaf.job, instance: leaf.address })}))`;
      try {
        const lag = (await instantQuery(ds, query, ctx.signal))[0]?.value;
        if (lag !== undefined) edge.federationLagSeconds = Math.max(0, lag);
      } catch (e) {
        ctx.errors.push({ source: ds.id, message: `federation lag of ${leaf.address}: ${message(e)}` });
      }
    }),
  );
}
