import { type Topology, topologySchema } from "./schema";

/** Query-key factory for topology reads. */
export const topologyKeys = {
  all: ["topology"] as const,
  graph: (datasource: string | null) => [...topologyKeys.all, datasource ?? "default"] as const,
};

/** GET /api/topology?ds=<id> (default datasource when null), parsed with the shared schema. */
export async function fetchTopology(datasource: string | null, signal?: AbortSignal): Promise<Topology> {
  const res = await fetch(`/api/topology${datasource ? `?ds=${encodeURIComponent(datasource)}` : ""}`, { signal });
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new Error(`Loading the topology failed (HTTP ${res.status}): not JSON`);
  }
  if (!res.ok) {
    const message = (json as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(typeof message === "string" ? message : `Loading the topology failed (HTTP ${res.status})`);
  }
  const parsed = topologySchema.safeParse(json);
  if (!parsed.success) throw new Error("Unexpected topology response from the server");
  return parsed.data;
}
