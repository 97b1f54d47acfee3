import "server-only";
import type { Datasource } from "@/lib/config";
import { type DiscoverContext, discoverPrometheus } from "./discover-prometheus";
import { fetchApiData, fetchApiText } from "./fetch-api";
import { prometheusNodeId } from "./prometheus-graph";
import { hostPort, parsePrometheusConfig } from "./prometheus-parse";
import type { Topology, TopologyEdge, TopologyNode } from "./schema";
import { buildThanosGraph, labelSetsMatch, parseStoresText } from "./thanos-stores";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Discovers the topology reachable from one datasource: Prometheus scrape jobs, federation and
 * remote_write, or a Thanos querier's StoreAPI endpoints. Failures of parts become `down` nodes and
 * `errors`; only configured datasources are requested, never an address found in upstream data.
 */
export async function discoverTopology(ds: Datasource, datasources: Datasource[], signal?: AbortSignal): Promise<Topology> {
  const ctx: DiscoverContext = { datasources, signal, nowMs: Date.now(), visited: new Set(), errors: [] };
  const discoveredAt = new Date(ctx.nowMs).toISOString();
  if (ds.type === "prometheus") {
    const { nodes, edges, server } = await discoverPrometheus(ds, ctx);
    return { datasourceId: ds.id, nodes: [server, ...nodes.filter((n) => n.id !== server.id)], edges, discoveredAt, errors: ctx.errors };
  }
  const { nodes, edges } = await discoverThanos(ds, ctx);
  return { datasourceId: ds.id, nodes, edges, discoveredAt, errors: ctx.errors };
}

async function discoverThanos(ds: Datasource, ctx: DiscoverContext): Promise<{ nodes: TopologyNode[]; edges: TopologyEdge[] }> {
  const querier = { id: `thanos-query:${ds.id}`, name: ds.name, address: hostPort(ds.url) ?? ds.url };
  let stores;
  try {
    stores = parseStoresText(await fetchApiText(ds, "stores", {}, ctx.signal));
  } catch (e) {
    ctx.errors.push({ source: ds.id, message: message(e) });
    return { nodes: [{ id: querier.id, kind: "thanos-query", name: querier.name, address: querier.address, datasourceId: ds.id, health: "down", healthReason: message(e) }], edges: [] };
  }
  const graph = buildThanosGraph(querier, stores);
  graph.nodes[0] = { ...graph.nodes[0]!, datasourceId: ds.id };
  const sidecars = graph.nodes.filter((n) => n.kind === "sidecar");
  if (sidecars.length === 0) return graph;
  const proms = ctx.datasources.filter((d) => d.type === "prometheus");
  const labels = await Promise.all(
    proms.map((p) =>
      fetchApiData(p, "status/config", {}, ctx.signal)
        .then((d) => parsePrometheusConfig((d as { yaml: string }).yaml).externalLabels)
        .catch(() => undefined),
    ),
  );
  proms.forEach((p, i) => {
    const ext = labels[i];
    if (!ext) return;
    const matched = sidecars.filter((s) => labelSetsMatch(s.labelSets ?? [], ext));
    if (matched.length === 0) return;
    const address = hostPort(p.url) ?? p.url;
    const id = prometheusNodeId(address);
    graph.nodes.push({ id, kind: "prometheus", name: p.name, datasourceId: p.id, address, externalLabels: ext, health: "up" });
    for (const s of matched) graph.edges.push({ id: `${s.id}->${id}`, source: s.id, target: id, kind: "queries" });
  });
  return graph;
}

