import * as z from "zod/mini";
import type { NodeKind, TopologyEdge, TopologyNode } from "./schema";

/** What a time bound becomes when it is Thanos' "no limit" sentinel. */
export const OPEN_ENDED = "open-ended";

// 2^53: anything at or beyond cannot be a real millisecond timestamp and is MaxInt64 (or its
// float-rounded print 9223372036854776000); the sidecar's 0000-01-01 minimum is the other sentinel.
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const PROMETHEUS_MIN_TIME_MS = -62167219200000n;

const endpointSchema = z.object({
  name: z.string(),
  lastCheck: z.optional(z.string()),
  lastError: z.nullish(z.string()),
  labelSets: z.nullish(z.array(z.record(z.string(), z.string()))),
  minTime: z.optional(z.string()),
  maxTime: z.optional(z.string()),
});
const storesEnvelopeSchema = z.object({
  status: z.literal("success"),
  data: z.record(z.string(), z.nullish(z.array(endpointSchema))),
});
export type StoreEndpoint = z.infer<typeof endpointSchema>;

/**
 * Parses the raw text of Thanos `/api/v1/stores`. minTime/maxTime are quoted before JSON.parse so
 * int64 values (MaxInt64 = 9223372036854775807) keep every digit instead of rounding to a double.
 */
export function parseStoresText(text: string): Record<string, StoreEndpoint[]> {
  const quoted = text.replace(/("(?:minTime|maxTime)"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, '$1"$2"');
  const parsed = storesEnvelopeSchema.parse(JSON.parse(quoted));
  const out: Record<string, StoreEndpoint[]> = {};
  for (const [type, endpoints] of Object.entries(parsed.data)) out[type] = endpoints ?? [];
  return out;
}

/** "open-ended" for the sentinels, else the integer milliseconds as a string. */
export function normalizeTimeBound(raw: string | undefined): string {
  if (raw === undefined || !/^-?\d+$/.test(raw)) return OPEN_ENDED;
  const value = BigInt(raw);
  if (value >= MAX_SAFE || value <= PROMETHEUS_MIN_TIME_MS) return OPEN_ENDED;
  return value.toString();
}

const KNOWN_TYPES = new Set<NodeKind>(["sidecar", "store", "rule", "receive", "query", "debug", "parquet-gateway"]);

function kindOf(type: string): NodeKind {
  return KNOWN_TYPES.has(type as NodeKind) ? (type as NodeKind) : "unknown-store-api";
}

/** Node id of a Thanos StoreAPI endpoint, keyed by its gRPC address. */
export const endpointNodeId = (name: string) => `endpoint:${name}`;

/** Builds the querier node and one node per endpoint (down with its lastError), each with a querier → endpoint edge. */
export function buildThanosGraph(
  querier: { id: string; name: string; address: string },
  stores: Record<string, StoreEndpoint[]>,
): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const nodes: TopologyNode[] = [{ id: querier.id, kind: "thanos-query", name: querier.name, address: querier.address, health: "up" }];
  const edges: TopologyEdge[] = [];
  for (const [type, endpoints] of Object.entries(stores)) {
    for (const ep of endpoints) {
      const id = endpointNodeId(ep.name);
      const error = ep.lastError ?? undefined;
      nodes.push({
        id,
        kind: kindOf(type),
        name: ep.name,
        address: ep.name,
        health: error ? "down" : "up",
        ...(error ? { healthReason: error } : {}),
        labelSets: ep.labelSets ?? [],
        ...(ep.lastCheck ? { lastCheck: ep.lastCheck } : {}),
        timeRange: { minTime: normalizeTimeBound(ep.minTime), maxTime: normalizeTimeBound(ep.maxTime) },
      });
      edges.push({ id: `${querier.id}->${id}`, source: querier.id, target: id, kind: "queries", ...(error ? { error } : {}) });
    }
  }
  // The querier answers but cannot reach every endpoint: degraded, naming them.
  const failing = nodes.filter((n) => n.health === "down");
  if (failing.length) {
    const list = failing.slice(0, 3).map((n) => `${n.name}: ${n.healthReason}`).join("; ");
    nodes[0] = {
      ...nodes[0]!,
      health: "degraded",
      healthReason: `${failing.length} of ${nodes.length - 1} endpoints failing (${list}${failing.length > 3 ? "; …" : ""})`,
    };
  }
  return { nodes, edges };
}

/** True when one of the sidecar's announced label sets contains every external label of the Prometheus. */
export function labelSetsMatch(labelSets: Record<string, string>[], externalLabels: Record<string, string>): boolean {
  const entries = Object.entries(externalLabels);
  if (entries.length === 0) return false;
  return labelSets.some((set) => entries.every(([k, v]) => set[k] === v));
}
