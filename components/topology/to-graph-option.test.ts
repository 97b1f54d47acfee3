import { describe, expect, it } from "vitest";
import type { Topology } from "@/lib/topology/schema";
import { collapseJobs, filterTopology } from "@/lib/topology/view";
import { syntheticTopology } from "@/test/topology/synthetic";
import { EDGE_WIDTH, edgeLabel, edgeWidth, formatRate, HEALTH_COLORS, toGraphOption } from "./to-graph-option";

const TOPO: Pick<Topology, "nodes" | "edges"> = {
  nodes: [
    { id: "east", kind: "prometheus", name: "east", health: "up" },
    { id: "west", kind: "prometheus", name: "west", health: "down" },
    { id: "global", kind: "prometheus", name: "global", health: "degraded" },
  ],
  edges: [
    { id: "a", source: "east", target: "global", kind: "federates", federationLagSeconds: 4.2, samplesPerSecond: 5000 },
    { id: "b", source: "west", target: "global", kind: "federates", error: "connection refused" },
  ],
};

interface Series {
  data: { id: string; x: number; y: number; label: { show: boolean }; itemStyle: { color: string; borderWidth?: number }; tooltip: { formatter: string } }[];
  links: { label: { show: boolean; formatter: string }; lineStyle: { width: number; color: string } }[];
}
const seriesOf = (option: ReturnType<typeof toGraphOption>) => (option.series as Series[])[0]!;

describe("toGraphOption", () => {
  const series = seriesOf(toGraphOption(TOPO, "west"));
  it("colours nodes by health and outlines the selected one", () => {
    expect(series.data.map((d) => d.itemStyle.color)).toEqual([HEALTH_COLORS.up, HEALTH_COLORS.down, HEALTH_COLORS.degraded]);
    expect(series.data.find((d) => d.id === "west")?.itemStyle.borderWidth).toBe(3);
  });
  it("places the global server right of its leaves and labels edges", () => {
    const x = Object.fromEntries(series.data.map((d) => [d.id, d.x]));
    expect(x.global).toBeGreaterThan(x.east!);
    expect(series.links.map((l) => l.label.formatter)).toEqual(["lag 4.2 s", "error"]);
  });
  it("draws edges wider with more samples/s", () => {
    expect(series.links[0]!.lineStyle.width).toBeGreaterThan(series.links[1]!.lineStyle.width);
    expect(series.links[1]!.lineStyle.color).toBe(HEALTH_COLORS.down);
  });
  it("escapes upstream names in the HTML tooltip", () => {
    const evil = seriesOf(toGraphOption({ nodes: [{ id: "x", kind: "prometheus", name: '<img src=x onerror="alert(1)">', health: "up" }], edges: [] }, null));
    expect(evil.data[0]!.tooltip.formatter).toBe("prometheus: &#60;img src=x onerror=&#34;alert(1)&#34;&#62; (up)");
  });
  it.each([
    [{ id: "c", source: "a", target: "b", kind: "scrapes" as const }, ""],
    [{ id: "c", source: "a", target: "b", kind: "remote-writes" as const, remoteWriteLagSeconds: 90 }, "lag 2 min"],
  ])("edgeLabel %#", (e, want) => expect(edgeLabel(e)).toBe(want));
});

describe("edgeWidth", () => {
  it.each([
    [{}, EDGE_WIDTH.min],
    [{ samplesPerSecond: 0 }, EDGE_WIDTH.min],
    [{ samplesPerSecond: -5 }, EDGE_WIDTH.min],
    [{ samplesPerSecond: Number.NaN }, EDGE_WIDTH.min],
    [{ samplesPerSecond: 9 }, 2],
    [{ samplesPerSecond: 999 }, 4],
    [{ samplesPerSecond: 1e12 }, EDGE_WIDTH.max],
    [{ operationsPerSecond: 99 }, 3],
  ])("%j -> %s", (e, want) => expect(edgeWidth(e)).toBeCloseTo(want, 10));
  it("grows monotonically", () => {
    const widths = [1, 10, 100, 1e4, 1e6].map((r) => edgeWidth({ samplesPerSecond: r }));
    expect([...widths].sort((a, b) => a - b)).toEqual(widths);
    expect(new Set(widths).size).toBe(widths.length);
  });
  it.each([[0.012, "0.01"], [3.25, "3.3"], [35.5, "36"], [1234, "1.2k"], [2_500_000, "2.5M"]])("formatRate(%s)", (v, want) => expect(formatRate(v)).toBe(want));
});

describe("200 nodes", () => {
  const big = syntheticTopology();
  it("hides labels when crowded except the selected node and search matches; no edge labels", () => {
    const { matched } = filterTopology(big, "cluster=west");
    const s = seriesOf(toGraphOption(big, "east", { matched }));
    expect(s.data.filter((d) => d.label.show).map((d) => d.id).sort()).toEqual(["east", "west"]);
    expect(s.links.some((l) => l.label.show)).toBe(false);
  });
  it("gives each node of the tallest column room (no overlapping)", () => {
    const s = seriesOf(toGraphOption(big, null));
    const byColumn = new Map<number, number[]>();
    for (const d of s.data) byColumn.set(d.x, [...(byColumn.get(d.x) ?? []), d.y]);
    for (const ys of byColumn.values()) {
      const sorted = [...ys].sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(20);
    }
  });
  it("shows every label again once jobs are collapsed", () => {
    const s = seriesOf(toGraphOption(collapseJobs(big), null));
    expect(s.data).toHaveLength(44);
    expect(s.data.every((d) => d.label.show)).toBe(false); // 44 > 40: still crowded
    const filtered = filterTopology(collapseJobs(big), "cluster=east");
    expect(seriesOf(toGraphOption(filtered, null, { matched: filtered.matched })).data.every((d) => d.label.show)).toBe(true);
  });
});
