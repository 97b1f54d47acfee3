import { describe, expect, it } from "vitest";
import { layerOf, layoutPositions } from "./layout";
import type { Topology, TopologyNode } from "./schema";
import { exploreExprFor, formatSeconds, summarize } from "./summary";

const node = (id: string, kind: TopologyNode["kind"], health: TopologyNode["health"] = "up"): TopologyNode => ({ id, kind, name: id, health });
const FED: Pick<Topology, "nodes" | "edges"> = {
  nodes: [node("j1", "scrape-job"), node("east", "prometheus"), node("west", "prometheus", "down"), node("global", "prometheus"), node("rw", "remote-write", "unknown")],
  edges: [
    { id: "a", source: "j1", target: "east", kind: "scrapes" },
    { id: "b", source: "east", target: "global", kind: "federates", federationLagSeconds: 4.2 },
    { id: "c", source: "west", target: "global", kind: "federates", error: "connection refused" },
    { id: "d", source: "global", target: "rw", kind: "remote-writes" },
  ],
};

describe("layerOf", () => {
  it("puts jobs, leaves, global and receivers in successive columns", () => {
    expect(Object.fromEntries(layerOf(FED))).toEqual({ j1: 0, east: 1, west: 1, global: 2, rw: 3 });
  });
  it("puts sidecars after Prometheus and queriers last", () => {
    const t = { nodes: [node("p", "prometheus"), node("s", "sidecar"), node("c", "compactor"), node("b", "bucket"), node("q", "thanos-query")], edges: [] };
    expect(Object.fromEntries(layerOf(t))).toEqual({ p: 1, s: 2, c: 2, b: 2.5, q: 3 });
  });
  it("survives a federation loop", () => {
    const t = { nodes: [node("a", "prometheus"), node("b", "prometheus")], edges: [
      { id: "1", source: "a", target: "b", kind: "federates" as const },
      { id: "2", source: "b", target: "a", kind: "federates" as const },
    ] };
    expect(layerOf(t).size).toBe(2);
  });
  it("spreads a column evenly", () => {
    const p = layoutPositions(FED, 300, 300);
    expect(p.get("east")).toEqual({ x: 100, y: 100 });
    expect(p.get("west")).toEqual({ x: 100, y: 200 });
  });
});

describe("summarize", () => {
  it.each([
    [FED, "3 servers, 1 down, worst federation lag 4.2 s"],
    [{ nodes: [node("p", "prometheus", "degraded")], edges: [] }, "1 server, 1 degraded"],
    [{ nodes: [], edges: [] }, "0 servers"],
  ])("%#", (t, want) => expect(summarize(t)).toBe(want));
  it.each([[0.04, "0.0 s"], [59.9, "59.9 s"], [180, "3 min"], [9000, "2.5 h"]])("formatSeconds(%s)", (s, want) => expect(formatSeconds(s)).toBe(want));
  it("builds Explore expressions", () => {
    expect(exploreExprFor(node("demo", "scrape-job"))).toBe('up{job="demo"}');
    expect(exploreExprFor(node("g", "prometheus"), "federate")).toBe('up{job="federate"}');
    expect(exploreExprFor(node("r", "remote-write"))).toContain("prometheus_remote_storage_samples_total");
    expect(exploreExprFor(node('b"x', "bucket"))).toContain('{bucket="b\\"x"}');
    expect(exploreExprFor({ ...node("jobs:prometheus:a:1", "scrape-job"), name: "3 scrape jobs" })).toBe("sum by (job) (up)");
    expect(exploreExprFor(node("u", "unknown-store-api"))).toBeUndefined();
  });
});
