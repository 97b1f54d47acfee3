// Pure view-model functions for /topology at scale (collapse, filter, label density).
import type { Health, Topology, TopologyEdge, TopologyNode } from "./schema";

type Graph = Pick<Topology, "nodes" | "edges">;

/** Id of the node standing for all scrape jobs of one server when jobs are collapsed. */
export const collapsedJobsId = (serverId: string) => `jobs:${serverId}`;

const HEALTH_RANK: Record<Health, number> = { up: 0, unknown: 1, degraded: 2, down: 3 };

function combinedHealth(list: TopologyNode[]): Health {
  if (list.length && list.every((n) => n.health === "down")) return "down";
  if (list.some((n) => n.health === "down" || n.health === "degraded")) return "degraded";
  if (list.every((n) => n.health === "unknown")) return "unknown";
  return "up";
}

const sum = (values: (number | undefined)[]) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) : undefined;
};

/**
 * Replaces the scrape jobs of every server that has two or more by one node ("12 scrape jobs")
 * with the summed target counts and samples/s, the combined health (down only if all are down,
 * degraded if any is down or degraded) and the first error; one scrapes edge per server.
 */
export function collapseJobs(topology: Graph): Graph {
  const jobsOf = new Map<string, { jobs: TopologyNode[]; edges: TopologyEdge[] }>();
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  for (const e of topology.edges) {
    const job = byId.get(e.source);
    if (e.kind !== "scrapes" || job?.kind !== "scrape-job") continue;
    const entry = jobsOf.get(e.target) ?? { jobs: [], edges: [] };
    entry.jobs.push(job);
    entry.edges.push(e);
    jobsOf.set(e.target, entry);
  }
  const removed = new Set<string>();
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (const [serverId, { jobs, edges: jobEdges }] of jobsOf) {
    if (jobs.length < 2) continue;
    for (const j of jobs) removed.add(j.id);
    for (const e of jobEdges) removed.add(e.id);
    const id = collapsedJobsId(serverId);
    const worst = [...jobs].sort((a, b) => HEALTH_RANK[b.health] - HEALTH_RANK[a.health])[0]!;
    const up = sum(jobs.map((j) => j.targetsUp));
    const down = sum(jobs.map((j) => j.targetsDown));
    const sps = sum(jobEdges.map((e) => e.samplesPerSecond));
    const error = jobEdges.find((e) => e.error)?.error;
    nodes.push({
      id,
      kind: "scrape-job",
      name: `${jobs.length} scrape jobs`,
      health: combinedHealth(jobs),
      ...(worst.health !== "up" && worst.healthReason ? { healthReason: `${worst.name}: ${worst.healthReason}` } : {}),
      ...(up !== undefined ? { targetsUp: up } : {}),
      ...(down !== undefined ? { targetsDown: down } : {}),
    });
    edges.push({ id: `${id}->${serverId}`, source: id, target: serverId, kind: "scrapes", ...(sps !== undefined ? { samplesPerSecond: sps } : {}), ...(error ? { error } : {}) });
  }
  return {
    nodes: [...topology.nodes.filter((n) => !removed.has(n.id)), ...nodes],
    edges: [...topology.edges.filter((e) => !removed.has(e.id)), ...edges],
  };
}

export interface FilterTerm {
  key?: string;
  op?: "=" | "!=";
  value: string;
}

/**
 * Parses a filter: whitespace-separated terms, all of which must hold. `key=value` / `key!=value`
 * match a node's external labels or any of its label sets (or `kind`, `health`, `job`); values may be
 * quoted ("a b"). Anything else matches the name or address, case-insensitively.
 */
export function parseFilter(text: string): FilterTerm[] {
  const terms: FilterTerm[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)(!=|=)("([^"]*)"|\S*)|"([^"]*)"|(\S+)/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) terms.push({ key: m[1], op: m[2] as "=" | "!=", value: m[4] ?? m[3]! });
    else {
      const value = (m[5] ?? m[6] ?? "").trim();
      if (value) terms.push({ value });
    }
  }
  return terms;
}

function labelValues(n: TopologyNode, key: string): string[] {
  if (key === "kind") return [n.kind];
  if (key === "health") return [n.health];
  if (key === "job" && n.kind === "scrape-job") return [n.name];
  const out: string[] = [];
  if (n.externalLabels?.[key] !== undefined) out.push(n.externalLabels[key]!);
  for (const set of n.labelSets ?? []) if (set[key] !== undefined) out.push(set[key]!);
  return out;
}

/** True when the node satisfies every term. */
export function nodeMatches(n: TopologyNode, terms: FilterTerm[]): boolean {
  return terms.every((t) => {
    if (t.key === undefined) {
      const q = t.value.toLowerCase();
      return n.name.toLowerCase().includes(q) || (n.address ?? "").toLowerCase().includes(q);
    }
    const values = labelValues(n, t.key);
    return t.op === "=" ? values.includes(t.value) : !values.includes(t.value);
  });
}

/**
 * Keeps the nodes matching the filter and, for context, their direct neighbours (a leaf's scrape
 * jobs and the server federating it); edges between kept nodes. `matched` are the matches
 * themselves (the view labels them). An empty filter keeps everything and matches nothing.
 */
export function filterTopology(topology: Graph, text: string): Graph & { matched: Set<string> } {
  const terms = parseFilter(text);
  if (terms.length === 0) return { ...topology, matched: new Set() };
  const matched = new Set(topology.nodes.filter((n) => nodeMatches(n, terms)).map((n) => n.id));
  const kept = new Set(matched);
  for (const e of topology.edges) {
    if (matched.has(e.source)) kept.add(e.target);
    if (matched.has(e.target)) kept.add(e.source);
  }
  return {
    nodes: topology.nodes.filter((n) => kept.has(n.id)),
    edges: topology.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
    matched,
  };
}

/** Above this many nodes labels are drawn only for the selected node and search matches (others on hover). */
export const CROWDED_NODES = 40;

/** Whether the node's name is drawn permanently. */
export function showLabel(nodeId: string, nodeCount: number, selectedId: string | null, matched: ReadonlySet<string>): boolean {
  return nodeCount <= CROWDED_NODES || nodeId === selectedId || matched.has(nodeId);
}
