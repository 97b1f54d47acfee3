import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildBucketGraph } from "./bucket";
import type { Sample } from "./prometheus-graph";
import type { TopologyNode } from "./schema";

// A /api/v1/query answer to BUCKET_QUERY in Prometheus' format (hand-written: no Thanos runs here):
// a sidecar that uploads, a store gateway that reads, a compactor that does both.
const response = JSON.parse(readFileSync(new URL("../../test/topology/fixtures/bucket-operations.json", import.meta.url), "utf8")) as {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
};
const SAMPLES: Sample[] = response.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
const EXISTING: TopologyNode[] = [
  { id: "thanos-query:q", kind: "thanos-query", name: "q", address: "q:10902", health: "up" },
  { id: "endpoint:thanos-sidecar:10901", kind: "sidecar", name: "thanos-sidecar:10901", address: "thanos-sidecar:10901", health: "up" },
  { id: "endpoint:thanos-store:10901", kind: "store", name: "thanos-store:10901", address: "thanos-store:10901", health: "up" },
];

describe("buildBucketGraph", () => {
  const { nodes, edges } = buildBucketGraph(SAMPLES, EXISTING);

  it("draws one bucket and a compactor node, reusing the StoreAPI nodes on the same hosts", () => {
    expect(nodes.map((n) => [n.id, n.kind])).toEqual([
      ["bucket:thanos-demo", "bucket"],
      ["component:thanos-compact/thanos-compact:10902", "compactor"],
    ]);
  });

  it("has uploads edges into the bucket and reads edges out of it, with operation rates", () => {
    const summary = edges.map((e) => [e.kind, e.source, e.target, e.operationsPerSecond]);
    expect(summary).toEqual([
      ["uploads", "endpoint:thanos-sidecar:10901", "bucket:thanos-demo", 0],
      ["reads", "bucket:thanos-demo", "endpoint:thanos-sidecar:10901", 0.2],
      ["reads", "bucket:thanos-demo", "endpoint:thanos-store:10901", 35.6],
      ["uploads", "component:thanos-compact/thanos-compact:10902", "bucket:thanos-demo", 0.01],
      ["reads", "bucket:thanos-demo", "component:thanos-compact/thanos-compact:10902", 0.3],
    ]);
  });

  it("draws no edge for an operation never done, and nothing without the metric", () => {
    expect(edges.some((e) => e.kind === "uploads" && e.source === "endpoint:thanos-store:10901")).toBe(false);
    expect(buildBucketGraph([], EXISTING)).toEqual({ nodes: [], edges: [] });
  });

  it("gives a user its own node when several drawn nodes share its host", () => {
    const twoOnHost: TopologyNode[] = [
      { id: "a", kind: "sidecar", name: "h:1", address: "h:1", health: "up" },
      { id: "b", kind: "store", name: "h:2", address: "h:2", health: "up" },
    ];
    const g = buildBucketGraph([{ metric: { bucket: "b1", job: "thanos-store", instance: "h:3", operation: "get", stat: "total" }, value: 1 }], twoOnHost);
    expect(g.nodes.map((n) => [n.id, n.kind])).toEqual([["bucket:b1", "bucket"], ["component:thanos-store/h:3", "store"]]);
  });
});
