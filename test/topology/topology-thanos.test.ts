import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/topology/route";
import { topologySchema } from "@/lib/topology/schema";
import { OPEN_ENDED } from "@/lib/topology/thanos-stores";
import { useDatasources } from "../proxy-helpers";
import { gzipReply, type RecordingUpstream, startRecordingUpstream } from "../recording-upstream";
import { stackUrls } from "../stack";
import { authed } from "@/test/auth/test-principal";

// The real UI payload with one sidecar re-labelled to announce the stack's east Prometheus, and the
// raw MaxInt64 (not its float print) as maxTime.
const STORES = readFileSync(new URL("../fixtures/thanos/stores-ui-testdata.json", import.meta.url), "utf8")
  .replace('"monitor": "prometheus_two"\n          }\n        ],\n        "lastCheck": "2020-06-14T15:17:38.588378384Z"', '"cluster": "east", "replica": "a"\n          }\n        ],\n        "lastCheck": "2020-06-14T15:17:38.588378384Z"')
  .replace("9223372036854776000", "9223372036854775807");

describe("GET /api/topology for a Thanos querier (fixture payload behind a loopback upstream)", () => {
  let querier: RecordingUpstream;
  beforeAll(async () => {
    querier = await startRecordingUpstream(gzipReply(200, STORES));
    useDatasources([
      { id: "thanos", type: "thanos", url: querier.url },
      { id: "east", type: "prometheus", url: stackUrls().east },
    ]);
  });
  afterAll(async () => querier?.close());

  it("builds querier, endpoints by type, the down store and the sidecar → Prometheus join", async () => {
    const res = await GET(await authed(new Request("http://orrery.test/api/topology?ds=thanos"), "viewer"), undefined);
    expect(res.status).toBe(200);
    const t = topologySchema.parse(await res.json());
    // /stores, then one query for the object storage metrics (none here: no bucket node).
    expect(querier.requests.map((r) => r.url.split("?")[0])).toEqual(["/api/v1/stores", "/api/v1/query"]);
    expect(decodeURIComponent(querier.requests[1]!.url)).toContain("thanos_objstore_bucket_operations_total");
    expect(t.nodes.map((n) => n.kind)).toEqual(["thanos-query", "sidecar", "sidecar", "store", "prometheus"]);
    const one = t.nodes.find((n) => n.name === "thanos_sidecar_one:10901");
    expect(one?.timeRange).toEqual({ minTime: OPEN_ENDED, maxTime: OPEN_ENDED });
    const two = t.nodes.find((n) => n.name === "thanos_sidecar_two:10901");
    expect(two).toMatchObject({ health: "down", healthReason: "some error message", labelSets: [] });
    expect(t.nodes[0]).toMatchObject({ health: "degraded", healthReason: expect.stringContaining("thanos_sidecar_two:10901: some error message") });
    const prom = t.nodes.find((n) => n.kind === "prometheus");
    expect(prom?.datasourceId).toBe("east");
    expect(t.edges.find((e) => e.target === prom?.id)?.source).toBe(one?.id);
  });
});
