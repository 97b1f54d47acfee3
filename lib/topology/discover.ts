import "server-only";
import type { Datasource } from "@/lib/config";
import { requestTarget } from "./allowlist";
import { BUCKET_QUERY, buildBucketGraph } from "./bucket";
import { type DiscoverContext, discoverPrometheus } from "./discover-prometheus";
import { fetchApiData, fetchApiText, instantQuery } from "./fetch-api";
import { prometheusNodeId } from "./prometheus-graph";
import { hostPort, parsePrometheusConfig } from "./prometheus-parse";
import type { Topology, TopologyEdge, TopologyNode } from "./schema";
import { DEFAULT_TOPOLOGY_SETTINGS, resolveEndpoint, type TopologySettings } from "./settings";
import { buildThanosGraph, labelSetsMatch, parseStoresText } from "./thanos-stores";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Discovers the topology reachable from one datasource: Prometheus scrape jobs, federation and
 * remote_write, or a Thanos querier's StoreAPI endpoints (and nested queriers), plus the object
 * storage bucket when its metrics are present. Failures of parts become `down` nodes and `errors`;
 * only configured datasources and `topology.allow` matches are requested, never any other address
 * found in upstream data.
 */
export async function discoverTopology(
  ds: Datasource,
  datasources: Datasource[],
  signal?: AbortSignal,
  settings: TopologySettings = DEFAULT_TOPOLOGY_SETTINGS,
): Promise<Topology> {
  const ctx: DiscoverContext = { datasources, settings, signal, nowMs: Date.now(), visited: new Set(), errors: [] };
  const discoveredAt = new Date(ctx.nowMs).toISOString();
  let nodes: TopologyNode[];
  let edges: TopologyEdge[];
  let rootUp: boolean;
  if (ds.type === "prometheus") {
    const sub = await discoverPrometheus(ds, ctx);
    nodes = [sub.server, ...sub.nodes.filter((n) => n.id !== sub.server.id)];
    edges = sub.edges;
    rootUp = sub.server.health !== "down";
  } else {
    const sub = await discoverThanos(ds, ctx, 0, `thanos-query:${ds.id}`, true);
    await joinSidecars(sub.nodes, sub.edges, ctx);
    nodes = sub.nodes;
    edges = sub.edges;
    rootUp = sub.nodes[0]?.health !== "down";
  }
  if (rootUp) await addBucket(ds, nodes, edges, ctx);
  return { datasourceId: ds.id, nodes, edges, discoveredAt, errors: ctx.errors };
}

async function addBucket(ds: Datasource, nodes: TopologyNode[], edges: TopologyEdge[], ctx: DiscoverContext) {
  try {
    const bucket = buildBucketGraph(await instantQuery(ds, BUCKET_QUERY, ctx.signal), nodes);
    const ids = new Set(nodes.map((n) => n.id));
    nodes.push(...bucket.nodes.filter((n) => !ids.has(n.id)));
    edges.push(...bucket.edges);
  } catch (e) {
    ctx.errors.push({ source: ds.id, message: `object storage metrics: ${message(e)}` });
  }
}

/** The HTTP URL of a nested querier listed by its gRPC address (host:port), by the configured port offset. */
export function nestedQuerierUrl(grpcAddress: string, scheme: "http" | "https", offset: number): string | undefined {
  const t = requestTarget(`${scheme}://${grpcAddress}`);
  if (!t || !/^[^/?#@]+:\d+$/.test(grpcAddress)) return undefined;
  const port = Number(t.port) + offset;
  return port >= 1 && port <= 65535 ? `${scheme}://${t.host}:${port}` : undefined;
}

async function discoverThanos(
  ds: Datasource,
  ctx: DiscoverContext,
  depth: number,
  querierId: string,
  configured: boolean,
): Promise<{ nodes: TopologyNode[]; edges: TopologyEdge[] }> {
  const self = requestTarget(ds.url);
  ctx.visited.add(self ? `${self.host}:${self.port}` : ds.url);
  const querier = { id: querierId, name: ds.name, address: hostPort(ds.url) ?? ds.url };
  const own = configured ? { datasourceId: ds.id } : {};
  let stores;
  try {
    stores = parseStoresText(await fetchApiText(ds, "stores", {}, ctx.signal));
  } catch (e) {
    ctx.errors.push({ source: ds.id, message: message(e) });
    return { nodes: [{ ...querier, kind: "thanos-query", ...own, health: "down", healthReason: message(e) }], edges: [] };
  }
  const graph = buildThanosGraph(querier, stores);
  graph.nodes[0] = { ...graph.nodes[0]!, ...own };
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = [...graph.edges];
  const scheme = self?.scheme ?? "http";
  for (const nested of graph.nodes.filter((n) => n.kind === "query")) {
    const url = nestedQuerierUrl(nested.name, scheme, ctx.settings.thanosHttpPortOffset);
    const resolved = url ? resolveEndpoint(url, "thanos", ctx.datasources, ctx.settings) : undefined;
    if (!resolved || ctx.visited.has(resolved.key)) continue;
    if (depth + 1 > ctx.settings.maxDepth) {
      ctx.errors.push({ source: resolved.ds.id, message: `nested queriers deeper than ${ctx.settings.maxDepth} levels; not followed` });
      continue;
    }
    const sub = await discoverThanos(resolved.ds, ctx, depth + 1, nested.id, resolved.configured);
    const [root, ...rest] = sub.nodes;
    for (const n of rest) if (!nodes.has(n.id)) nodes.set(n.id, n);
    edges.push(...sub.edges.filter((e) => !edges.some((x) => x.id === e.id)));
    const current = nodes.get(nested.id)!;
    nodes.set(nested.id, {
      ...current,
      ...(root?.datasourceId ? { datasourceId: root.datasourceId } : {}),
      ...(root && root.health !== "up" && current.health === "up" ? { health: root.health, ...(root.healthReason ? { healthReason: root.healthReason } : {}) } : {}),
    });
  }
  return { nodes: [...nodes.values()], edges };
}

// Sidecar ↔ Prometheus: a sidecar announces its Prometheus' external labels, read from every
// configured Prometheus datasource's /status/config.
async function joinSidecars(nodes: TopologyNode[], edges: TopologyEdge[], ctx: DiscoverContext) {
  const sidecars = nodes.filter((n) => n.kind === "sidecar");
  if (sidecars.length === 0) return;
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
    if (!nodes.some((n) => n.id === id)) nodes.push({ id, kind: "prometheus", name: p.name, datasourceId: p.id, address, externalLabels: ext, health: "up" });
    for (const s of matched) edges.push({ id: `${s.id}->${id}`, source: s.id, target: id, kind: "queries" });
  });
}
