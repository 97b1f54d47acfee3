import type { ChartOption } from "@/components/charts/echart";
import { layoutPositions } from "@/lib/topology/layout";
import type { Health, Topology } from "@/lib/topology/schema";
import { formatSeconds } from "@/lib/topology/summary";

export const HEALTH_COLORS: Record<Health, string> = { up: "#16a34a", down: "#dc2626", degraded: "#d97706", unknown: "#9ca3af" };

/** Pure: topology → ECharts graph series with a fixed layered layout (no force simulation). */
export function toGraphOption(topology: Pick<Topology, "nodes" | "edges">, selectedId: string | null): ChartOption {
  const positions = layoutPositions(topology);
  return {
    tooltip: { trigger: "item" },
    series: [
      {
        type: "graph",
        layout: "none",
        roam: true,
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 8,
        label: { show: true, position: "bottom", fontSize: 11 },
        edgeLabel: { fontSize: 10 },
        data: topology.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          ...(positions.get(n.id) ?? { x: 0, y: 0 }),
          symbolSize: n.kind === "scrape-job" ? 18 : 30,
          symbol: n.kind === "scrape-job" || n.kind === "remote-write" ? "roundRect" : "circle",
          itemStyle: {
            color: HEALTH_COLORS[n.health],
            ...(n.id === selectedId ? { borderColor: "#1d4ed8", borderWidth: 3 } : {}),
          },
          tooltip: { formatter: `${n.kind}: ${n.name} (${n.health})` },
        })),
        links: topology.edges.map((e) => ({
          source: e.source,
          target: e.target,
          label: { show: edgeLabel(e) !== "", formatter: edgeLabel(e) },
          lineStyle: { color: e.error ? HEALTH_COLORS.down : "#94a3b8", type: e.kind === "remote-writes" ? "dashed" : "solid" },
        })),
      },
    ],
  };
}

/** The text on an edge: federation lag, else error, else nothing. */
export function edgeLabel(e: Topology["edges"][number]): string {
  if (e.error) return "error";
  if (e.federationLagSeconds !== undefined) return `lag ${formatSeconds(e.federationLagSeconds)}`;
  return "";
}
