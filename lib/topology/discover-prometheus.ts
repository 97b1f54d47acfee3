import "server-only";
import type { Datasource } from "@/lib/config";
import { requestTarget } from "./allowlist";
import { fetchApiData, instantQuery } from "./fetch-api";
import { buildPrometheusGraph, type FederationLeaf, markLaggingLeaves, prometheusNodeId, selfMatchers, serverHealthFromTargets } from "./prometheus-graph";
import { hostPort, parsePrometheusConfig, parseTargets } from "./prometheus-parse";
import { remoteWriteQuery } from "./remote-write";
import type { TopologyEdge, TopologyNode } from "./schema";
import { resolveEndpoint, type TopologySettings } from "./settings";

export interface DiscoverContext {
  /** Configured datasources: with `settings.allow`, the only servers Orrery may request. */
  datasources: Datasource[];
  settings: TopologySettings;
  signal?: AbortSignal;
  nowMs: number;
  /** host:port of every server already read (loops, diamonds). */
  visited: Set<string>;
  errors: { source: string; message: string }[];
}

export interface SubGraph {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  server: TopologyNode;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const selector = (labels: Record<string, string>) => `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}}`;

/** The configured Prometheus datasource whose URL has this host:port, if any. */
export function configuredFor(address: string, datasources: Datasource[]): Datasource | undefined {
  return datasources.find((d) => d.type === "prometheus" && hostPort(d.url) === address.toLowerCase());
}

async function sizeOf(ds: Datasource, self: string, signal?: AbortSignal) {
  const [head, rate] = await Promise.all([
    instantQuery(ds, `max(prometheus_tsdb_head_series{${self}})`, signal),
    instantQuery(ds, `sum(rate(prometheus_tsdb_head_samples_appended_total{${self}}[1m]))`, signal),
  ]);
  return { headSeries: head[0]?.value, samplesPerSecond: rate[0]?.value };
}

/**
 * Reads one Prometheus (`/api/v1/targets`, `/status/config`, `/status/buildinfo`, self-metric
 * queries) and recurses into federation children that are configured or allowlisted, down to
 * `settings.maxDepth` levels. `configured` says whether `ds` is a configured datasource.
 */
export async function discoverPrometheus(ds: Datasource, ctx: DiscoverContext, depth = 0, configured = true): Promise<SubGraph> {
  const address = hostPort(ds.url) ?? ds.url;
  const id = prometheusNodeId(address);
  const self = requestTarget(ds.url);
  ctx.visited.add(self ? `${self.host}:${self.port}` : address);
  const [targets, config, build] = await Promise.allSettled([
    fetchApiData(ds, "targets", { state: "active" }, ctx.signal).then(parseTargets),
    fetchApiData(ds, "status/config", {}, ctx.signal).then((d) => parsePrometheusConfig((d as { yaml: string }).yaml)),
    fetchApiData(ds, "status/buildinfo", {}, ctx.signal).then((d) => (d as { version?: string }).version),
  ]);
  const base = { id, kind: "prometheus" as const, name: ds.name, ...(configured ? { datasourceId: ds.id } : {}), address };
  if (targets.status === "rejected") {
    const reason = message(targets.reason);
    ctx.errors.push({ source: ds.id, message: reason });
    return { nodes: [], edges: [], server: { ...base, health: "down", healthReason: reason } };
  }
  const own = selfMatchers(targets.value, ds.url);
  const [size, scraped, remote] = await Promise.allSettled([
    sizeOf(ds, own, ctx.signal),
    instantQuery(ds, "scrape_samples_scraped", ctx.signal),
    instantQuery(ds, remoteWriteQuery(own), ctx.signal),
  ]);
  const partial = [config, build, size, scraped, remote].filter((r) => r.status === "rejected").map((r) => message((r as PromiseRejectedResult).reason));
  for (const m of partial) ctx.errors.push({ source: ds.id, message: m });
  const cfg = config.status === "fulfilled" ? config.value : undefined;
  const fromTargets = serverHealthFromTargets(targets.value);
  const reasons = [...(fromTargets.reason ? [fromTargets.reason] : []), ...partial];
  const server: TopologyNode = {
    ...base,
    health: reasons.length ? "degraded" : "up",
    ...(reasons.length ? { healthReason: reasons.join("; ") } : {}),
    ...(build.status === "fulfilled" && build.value ? { version: build.value } : {}),
    ...(cfg ? { externalLabels: cfg.externalLabels } : {}),
    ...(size.status === "fulfilled" && size.value.headSeries !== undefined ? { headSeries: size.value.headSeries } : {}),
    ...(size.status === "fulfilled" && size.value.samplesPerSecond !== undefined ? { samplesPerSecond: size.value.samplesPerSecond } : {}),
  };
  const graph = buildPrometheusGraph(id, targets.value, cfg, ctx.nowMs, {
    ...(scraped.status === "fulfilled" ? { scraped: scraped.value } : {}),
    ...(remote.status === "fulfilled" ? { remoteWrite: remote.value } : {}),
    lagThresholdSeconds: ctx.settings.lagThresholdSeconds,
  });
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = [...graph.edges];
  const children = await Promise.all(graph.leaves.map((leaf) => discoverLeaf(leaf, ctx, depth)));
  for (const child of children) {
    if (!child) continue;
    for (const n of [...child.nodes, child.server]) nodes.set(n.id, n);
    edges.push(...child.edges);
  }
  await addFederationLags(ds, graph.leaves, children, edges, ctx);
  markLaggingLeaves(nodes, edges, server, ctx.settings.lagThresholdSeconds);
  return { nodes: [...nodes.values()], edges, server };
}

/** The base URL of a /federate scrape: its origin plus whatever path precedes /federate. */
function federatePrefix(scrapeUrl: string): string {
  try {
    return new URL(scrapeUrl).pathname.replace(/\/+$/, "").replace(/\/federate$/, "");
  } catch {
    return "";
  }
}

async function discoverLeaf(leaf: FederationLeaf, ctx: DiscoverContext, depth: number): Promise<SubGraph | undefined> {
  // The configured datasource for the instance label (how the leaf is named), else what the
  // scrape URL resolves to: a configured datasource or an allowlisted origin. Nothing else.
  const named = configuredFor(leaf.address, ctx.datasources);
  const resolved = named
    ? { ds: named, configured: true, key: hostPort(named.url) ?? leaf.address }
    : resolveEndpoint(leaf.target.scrapeUrl, "prometheus", ctx.datasources, ctx.settings, federatePrefix(leaf.target.scrapeUrl));
  if (!resolved || ctx.visited.has(resolved.key) || ctx.visited.has(leaf.address.toLowerCase())) return undefined;
  if (depth + 1 > ctx.settings.maxDepth) {
    ctx.errors.push({ source: resolved.ds.id, message: `federation deeper than ${ctx.settings.maxDepth} levels; not followed` });
    return undefined;
  }
  const sub = await discoverPrometheus(resolved.ds, ctx, depth + 1, resolved.configured);
  // Keep the node id the parent's edge points at (the instance label) when the URL differs from it.
  const leafId = prometheusNodeId(leaf.address);
  if (sub.server.id !== leafId) {
    const oldId = sub.server.id;
    sub.server = { ...sub.server, id: leafId };
    for (const e of sub.edges) {
      if (e.source === oldId) e.source = leafId;
      if (e.target === oldId) e.target = leafId;
    }
  }
  return sub;
}

// Lag = now - newest federated sample carrying the leaf's external labels (known when the leaf was
// read); else the age of the parent's newest `up` sample of its /federate scrape of it.
async function addFederationLags(ds: Datasource, leaves: FederationLeaf[], children: (SubGraph | undefined)[], edges: TopologyEdge[], ctx: DiscoverContext) {
  const parentId = prometheusNodeId(hostPort(ds.url) ?? ds.url);
  await Promise.all(
    leaves.map(async (leaf, i) => {
      const edge = edges.find((e) => e.kind === "federates" && e.source === prometheusNodeId(leaf.address) && e.target === parentId);
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
