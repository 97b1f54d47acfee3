import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/topology/route";
import { type Topology, topologySchema } from "@/lib/topology/schema";
import { useDatasources } from "../proxy-helpers";
import { stackUrls } from "../stack";
import { authed } from "@/test/auth/test-principal";

async function getTopology(query: string) {
  const res = await GET(await authed(new Request(`http://orrery.test/api/topology${query}`), "viewer"), undefined);
  return { status: res.status, body: (await res.json()) as unknown };
}

const prometheusNodes = (t: Topology) => t.nodes.filter((n) => n.kind === "prometheus");

describe("GET /api/topology against the shared federation stack", () => {
  it("shows global, east and west with both federation edges and their lag", async () => {
    const { global, east, west } = stackUrls();
    useDatasources([
      { id: "global", type: "prometheus", url: global, default: true },
      { id: "east", type: "prometheus", url: east },
      { id: "west", type: "prometheus", url: west },
    ]);
    const { status, body } = await getTopology("?ds=global");
    expect(status).toBe(200);
    const topo = topologySchema.parse(body);
    expect(prometheusNodes(topo).map((n) => [n.datasourceId, n.health]).sort()).toEqual([
      ["east", "up"],
      ["global", "up"],
      ["west", "up"],
    ]);
    const eastNode = prometheusNodes(topo).find((n) => n.datasourceId === "east");
    expect(eastNode?.externalLabels).toEqual({ cluster: "east", replica: "a" });
    expect(eastNode?.version).toMatch(/^\d+\.\d+/);
    expect(eastNode?.headSeries).toBeGreaterThan(0);
    const fed = topo.edges.filter((e) => e.kind === "federates");
    expect(fed).toHaveLength(2);
    for (const e of fed) {
      expect(e.federationLagSeconds).toBeGreaterThanOrEqual(0);
      expect(e.federationLagSeconds).toBeLessThan(120);
      expect(e.match).toContain('{job="demo"}');
      expect(e.error).toBeUndefined();
      // scrape_samples_scraped of the /federate target over its 5s interval.
      expect(e.samplesPerSecond).toBeGreaterThan(0);
    }
    expect(topo.edges.filter((e) => e.kind === "scrapes").every((e) => e.samplesPerSecond! > 0)).toBe(true);
    // Head series of global itself, not the largest federated copy of a leaf's.
    expect(prometheusNodes(topo).every((n) => n.health === "up" && n.healthReason === undefined)).toBe(true);
    // Each leaf's own scrape jobs come from its own API (it is configured).
    expect(topo.nodes.filter((n) => n.kind === "scrape-job" && n.name === "demo")).toHaveLength(2);
    expect(topo.errors).toEqual([]);
  });

  it("uses the default datasource without ds, and answers 404 JSON for an unknown one", async () => {
    const { global } = stackUrls();
    useDatasources([{ id: "g", type: "prometheus", url: global, default: true }]);
    const dflt = await getTopology("");
    expect(dflt.status).toBe(200);
    expect(topologySchema.parse(dflt.body).datasourceId).toBe("g");
    // Leaves are not configured here: drawn from global's targets only, still up.
    expect(prometheusNodes(topologySchema.parse(dflt.body))).toHaveLength(3);
    const missing = await getTopology("?ds=nope");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "not_found", message: 'unknown datasource "nope"' } });
  });
});
