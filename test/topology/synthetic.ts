import type { Topology, TopologyEdge, TopologyNode } from "@/lib/topology/schema";

/**
 * A synthetic 200-node federation: global with 10 own jobs, 21 leaves (east, west, c2..c20) with 8
 * jobs each. East has one job down, every job of west is down.
 */
export function syntheticTopology(): Pick<Topology, "nodes" | "edges"> {
  const nodes: TopologyNode[] = [{ id: "global", kind: "prometheus", name: "global", health: "up", externalLabels: { cluster: "global" } }];
  const edges: TopologyEdge[] = [];
  const jobs = (server: string, n: number, health: (i: number) => TopologyNode["health"]) => {
    for (let i = 0; i < n; i++) {
      const id = `job:${server}/j${i}`;
      const h = health(i);
      nodes.push({ id, kind: "scrape-job", name: `j${i}`, health: h, targetsUp: h === "up" ? 2 : 0, targetsDown: h === "up" ? 0 : 2, ...(h !== "up" ? { healthReason: "connection refused" } : {}) });
      edges.push({ id: `${id}->${server}`, source: id, target: server, kind: "scrapes", samplesPerSecond: 10, ...(h !== "up" ? { error: "connection refused" } : {}) });
    }
  };
  jobs("global", 10, () => "up");
  const clusters = ["east", "west", ...Array.from({ length: 19 }, (_, i) => `c${i + 2}`)];
  for (const c of clusters) {
    nodes.push({ id: c, kind: "prometheus", name: `${c} leaf`, address: `${c}.example:9090`, health: "up", externalLabels: { cluster: c, replica: "a" } });
    edges.push({ id: `${c}->global`, source: c, target: "global", kind: "federates", federationLagSeconds: 3 });
    jobs(c, 8, (i) => (c === "west" || (c === "east" && i === 0) ? "down" : "up"));
  }
  return { nodes, edges };
}

