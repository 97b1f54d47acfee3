import type { NodeKind, Topology } from "./schema";

const THANOS_LAYER: Partial<Record<NodeKind, number>> = {
  sidecar: 1, store: 1, rule: 1, receive: 1, debug: 1, "parquet-gateway": 1, "unknown-store-api": 1, query: 1, compactor: 1, "thanos-component": 1,
  // Between its users and the queriers.
  bucket: 1.5,
  "thanos-query": 2,
};

/**
 * Column of each node, left to right: scrape jobs → leaf Prometheus → federating Prometheus (one
 * more column per federation level) → remote_write receivers / sidecars, stores, compactor → bucket → queriers.
 */
export function layerOf(topology: Pick<Topology, "nodes" | "edges">): Map<string, number> {
  const layers = new Map<string, number>();
  const fedChildren = new Map<string, string[]>();
  for (const e of topology.edges) {
    if (e.kind === "federates") fedChildren.set(e.target, [...(fedChildren.get(e.target) ?? []), e.source]);
  }
  const promDepth = (id: string, seen: Set<string>): number => {
    if (seen.has(id)) return 0;
    seen.add(id);
    const kids = fedChildren.get(id) ?? [];
    return kids.length ? 1 + Math.max(...kids.map((k) => promDepth(k, seen))) : 0;
  };
  let maxProm = 1;
  for (const n of topology.nodes) {
    if (n.kind === "scrape-job") layers.set(n.id, 0);
    else if (n.kind === "prometheus") {
      const layer = 1 + promDepth(n.id, new Set());
      layers.set(n.id, layer);
      maxProm = Math.max(maxProm, layer);
    }
  }
  for (const n of topology.nodes) {
    if (n.kind === "remote-write") layers.set(n.id, maxProm + 1);
    const thanos = THANOS_LAYER[n.kind];
    if (thanos !== undefined) layers.set(n.id, maxProm + thanos);
  }
  return layers;
}

/** x/y positions: one column per layer, nodes spread evenly down each column. */
export function layoutPositions(topology: Pick<Topology, "nodes" | "edges">, width = 1000, height = 600) {
  const layers = layerOf(topology);
  const columns = new Map<number, string[]>();
  for (const n of topology.nodes) {
    const layer = layers.get(n.id) ?? 0;
    columns.set(layer, [...(columns.get(layer) ?? []), n.id]);
  }
  const maxLayer = Math.max(0, ...columns.keys());
  const positions = new Map<string, { x: number; y: number }>();
  for (const [layer, ids] of columns) {
    ids.forEach((id, i) => {
      positions.set(id, { x: maxLayer === 0 ? width / 2 : (layer / maxLayer) * width, y: ((i + 1) / (ids.length + 1)) * height });
    });
  }
  return positions;
}
