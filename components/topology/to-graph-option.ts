import type { ChartOption } from "@/components/charts/echart";
import { layoutPositions } from "@/lib/topology/layout";
import type { Health, Topology, TopologyEdge } from "@/lib/topology/schema";
import { formatSeconds } from "@/lib/topology/summary";
import { showLabel } from "@/lib/topology/view";
import { escapeHtml } from "@/lib/html/escape";

export const HEALTH_COLORS: Record<Health, string> = { up: "#16a34a", down: "#dc2626", degraded: "#d97706", unknown: "#9ca3af" };

/** Thinnest and thickest edge, in px. */
export const EDGE_WIDTH = { min: 1, max: 8 } as const;

/**
 * Edge width from samples/s (or object storage operations/s): logarithmic, since rates span from a
 * few to millions per second, clamped to EDGE_WIDTH; the thinnest when unknown.
 */
export function edgeWidth(e: Pick<TopologyEdge, "samplesPerSecond" | "operationsPerSecond">): number {
  const rate = e.samplesPerSecond ?? e.operationsPerSecond;
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return EDGE_WIDTH.min;
  return Math.min(EDGE_WIDTH.max, Math.max(EDGE_WIDTH.min, 1 + Math.log10(1 + rate)));
}

/** Vertical room per node in the tallest column, so 200 nodes do not overlap. */
const ROW_PX = 26;

export interface GraphOptionExtras {
  /** Search matches: their labels stay visible however crowded the graph is. */
  matched?: ReadonlySet<string>;
}

/** Pure: topology → ECharts graph series with a fixed layered layout (no force simulation). */
export function toGraphOption(topology: Pick<Topology, "nodes" | "edges">, selectedId: string | null, extras: GraphOptionExtras = {}): ChartOption {
  const matched = extras.matched ?? new Set<string>();
  const tallest = tallestColumn(topology);
  const height = Math.max(600, tallest * ROW_PX);
  const positions = layoutPositions(topology, 1000, height);
  const count = topology.nodes.length;
  return {
    tooltip: { trigger: "item", confine: true },
    series: [
      {
        type: "graph",
        layout: "none",
        roam: true,
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 8,
        label: { show: true, position: "bottom", fontSize: 11 },
        edgeLabel: { fontSize: 10 },
        // Hidden labels appear on hover, with the node's neighbourhood highlighted.
        emphasis: { focus: "adjacency", label: { show: true } },
        data: topology.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          ...(positions.get(n.id) ?? { x: 0, y: 0 }),
          symbolSize: n.kind === "scrape-job" ? 18 : n.kind === "bucket" ? 34 : 30,
          symbol: n.kind === "scrape-job" || n.kind === "remote-write" ? "roundRect" : n.kind === "bucket" ? "rect" : "circle",
          label: { show: showLabel(n.id, count, selectedId, matched) },
          itemStyle: {
            color: HEALTH_COLORS[n.health],
            ...(n.id === selectedId ? { borderColor: "#1d4ed8", borderWidth: 3 } : matched.has(n.id) ? { borderColor: "#1d4ed8", borderWidth: 1.5 } : {}),
          },
          // Names come from upstream data: escaped, as the tooltip is HTML.
          tooltip: { formatter: escapeHtml(`${n.kind}: ${n.name} (${n.health}${n.healthReason ? `: ${n.healthReason}` : ""})`) },
        })),
        links: topology.edges.map((e) => ({
          source: e.source,
          target: e.target,
          label: { show: count <= 40 && edgeLabel(e) !== "", formatter: edgeLabel(e) },
          lineStyle: {
            width: edgeWidth(e),
            color: e.error ? HEALTH_COLORS.down : e.warning ? HEALTH_COLORS.degraded : "#94a3b8",
            type: e.kind === "remote-writes" || e.kind === "uploads" || e.kind === "reads" ? "dashed" : "solid",
          },
          tooltip: { formatter: escapeHtml(edgeTooltip(e)) },
        })),
      },
    ],
  };
}

function tallestColumn(topology: Pick<Topology, "nodes" | "edges">): number {
  const positions = layoutPositions(topology, 1, 1);
  const perColumn = new Map<number, number>();
  for (const p of positions.values()) perColumn.set(p.x, (perColumn.get(p.x) ?? 0) + 1);
  return Math.max(0, ...perColumn.values());
}

/** The text on an edge: error, else federation or remote-write lag, else nothing. */
export function edgeLabel(e: TopologyEdge): string {
  if (e.error) return "error";
  if (e.federationLagSeconds !== undefined) return `lag ${formatSeconds(e.federationLagSeconds)}`;
  if (e.remoteWriteLagSeconds !== undefined) return `lag ${formatSeconds(e.remoteWriteLagSeconds)}`;
  return "";
}

function edgeTooltip(e: TopologyEdge): string {
  const parts: string[] = [e.kind];
  if (e.samplesPerSecond !== undefined) parts.push(`${formatRate(e.samplesPerSecond)} samples/s`);
  if (e.operationsPerSecond !== undefined) parts.push(`${formatRate(e.operationsPerSecond)} ops/s`);
  if (e.federationLagSeconds !== undefined) parts.push(`lag ${formatSeconds(e.federationLagSeconds)}`);
  if (e.remoteWriteLagSeconds !== undefined) parts.push(`lag ${formatSeconds(e.remoteWriteLagSeconds)}`);
  if (e.error) parts.push(e.error);
  else if (e.warning) parts.push(e.warning);
  return parts.join(", ");
}

/** "1.2k", "35.5", "0.01": compact rates. */
export function formatRate(v: number): string {
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  if (v >= 10) return v.toFixed(0);
  return v >= 1 ? v.toFixed(1) : v.toFixed(2);
}
