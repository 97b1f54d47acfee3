import { describe, expect, it } from "vitest";
import type { Topology } from "@/lib/topology/schema";
import { edgeLabel, HEALTH_COLORS, toGraphOption } from "./to-graph-option";

const TOPO: Pick<Topology, "nodes" | "edges"> = {
  nodes: [
    { id: "east", kind: "prometheus", name: "east", health: "up" },
    { id: "west", kind: "prometheus", name: "west", health: "down" },
    { id: "global", kind: "prometheus", name: "global", health: "degraded" },
  ],
  edges: [
    { id: "a", source: "east", target: "global", kind: "federates", federationLagSeconds: 4.2 },
    { id: "b", source: "west", target: "global", kind: "federates", error: "connection refused" },
  ],
};

describe("toGraphOption", () => {
  const series = (toGraphOption(TOPO, "west").series as { data: { id: string; x: number; itemStyle: { color: string; borderWidth?: number } }[]; links: { label: { formatter: string } }[] }[])[0]!;
  it("colours nodes by health and outlines the selected one", () => {
    expect(series.data.map((d) => d.itemStyle.color)).toEqual([HEALTH_COLORS.up, HEALTH_COLORS.down, HEALTH_COLORS.degraded]);
    expect(series.data.find((d) => d.id === "west")?.itemStyle.borderWidth).toBe(3);
  });
  it("places the global server right of its leaves and labels edges", () => {
    const x = Object.fromEntries(series.data.map((d) => [d.id, d.x]));
    expect(x.global).toBeGreaterThan(x.east!);
    expect(series.links.map((l) => l.label.formatter)).toEqual(["lag 4.2 s", "error"]);
  });
  it.each([[{ id: "c", source: "a", target: "b", kind: "scrapes" as const }, ""]])("edgeLabel %#", (e, want) => expect(edgeLabel(e)).toBe(want));
});
