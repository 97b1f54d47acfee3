import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/topology/route";
import { loadConfig, resetConfig } from "@/lib/config";
import { topologySchema } from "@/lib/topology/schema";
import { type RecordedRequest, type RecordingUpstream, startRecordingUpstream } from "../recording-upstream";
import { authed } from "@/test/auth/test-principal";

// Recursion into servers found in upstream data happens only for configured datasources or
// `topology.allow` matches. Every "server" here is a loopback listener that records its hits.

function useConfig(config: unknown) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-topology-")), "orrery.config.json");
  writeFileSync(file, JSON.stringify(config));
  process.env.ORRERY_CONFIG = file;
  resetConfig();
}

async function topology(ds: string) {
  const res = await GET(await authed(new Request(`http://orrery.test/api/topology?ds=${ds}`), "viewer"), undefined);
  expect(res.status).toBe(200);
  return topologySchema.parse(await res.json());
}

const ok = (data: unknown) => JSON.stringify({ status: "success", data });
const host = (u: RecordingUpstream) => new URL(u.url).host;
const port = (u: RecordingUpstream) => Number(new URL(u.url).port);

/** A fake Prometheus whose only target is a /federate scrape of `leafUrl` (the scrape URL given as is). */
function prometheusReply(opts: { federateUrl?: string; externalLabels?: string }) {
  return (req: RecordedRequest, res: import("node:http").ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json" });
    if (req.url.startsWith("/api/v1/targets")) {
      const leaf = opts.federateUrl ? new URL(opts.federateUrl) : undefined;
      res.end(ok({
        activeTargets: leaf
          ? [{ labels: { job: "federate", instance: leaf.host }, scrapePool: "federate", scrapeUrl: opts.federateUrl, health: "up", lastError: "", scrapeInterval: "15s" }]
          : [],
      }));
    } else if (req.url.startsWith("/api/v1/status/config")) res.end(ok({ yaml: `global:\n  external_labels: {${opts.externalLabels ?? ""}}\n` }));
    else if (req.url.startsWith("/api/v1/status/buildinfo")) res.end(ok({ version: "3.5.0" }));
    else res.end(ok({ resultType: "vector", result: [] }));
  };
}

describe("federation recursion through topology.allow", () => {
  let parent: RecordingUpstream;
  let leaf: RecordingUpstream;
  beforeAll(async () => {
    leaf = await startRecordingUpstream(prometheusReply({ externalLabels: "cluster: scratch" }));
    parent = await startRecordingUpstream(prometheusReply({ federateUrl: `${leaf.url}/federate?match%5B%5D=up` }));
  });
  afterAll(async () => {
    await parent?.close();
    await leaf?.close();
  });

  const cases: [string, () => string[]][] = [
    ["no allowlist", () => []],
    ["another port", () => [`http://127.0.0.1:${port(leaf) + 1}`]],
    ["another host name for the same address", () => ["http://localhost:*"]],
    ["https only", () => ["https://127.0.0.1:*"]],
    ["a domain glob", () => ["http://*.localdomain:*"]],
  ];
  it.each(cases)("%s: the leaf gets zero requests", async (_name, allow) => {
    useConfig({ datasources: [{ id: "parent", type: "prometheus", url: parent.url }], topology: { allow: allow() } });
    leaf.requests.length = 0;
    const t = await topology("parent");
    expect(t.edges.filter((e) => e.kind === "federates")).toHaveLength(1);
    const leafNode = t.nodes.find((n) => n.address === host(leaf));
    expect(leafNode?.health).toBe("up"); // from the parent's target, not from the leaf
    expect(leafNode?.externalLabels).toBeUndefined();
    expect(leaf.requests).toHaveLength(0);
  });

  it.each([["exact origin", () => [leaf.url]], ["port glob", () => ["http://127.0.0.1:*"]]])("%s: the allowlisted leaf is read", async (_name, allow) => {
    useConfig({ datasources: [{ id: "parent", type: "prometheus", url: parent.url }], topology: { allow: allow() } });
    leaf.requests.length = 0;
    const t = await topology("parent");
    expect(leaf.requests.map((r) => r.url.split("?")[0])).toContain("/api/v1/targets");
    // Discovered, not configured: no credentials or headers of any datasource are sent to it.
    expect(leaf.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    const leafNode = t.nodes.find((n) => n.address === host(leaf));
    expect(leafNode).toMatchObject({ health: "up", externalLabels: { cluster: "scratch" }, version: "3.5.0" });
    expect(leafNode?.datasourceId).toBeUndefined();
  });

  it("never replays a scrape URL with credentials, even when its host is allowlisted", async () => {
    const tricky = await startRecordingUpstream(prometheusReply({ federateUrl: `http://user:pw@${host(leaf)}/federate?match%5B%5D=up` }));
    try {
      useConfig({ datasources: [{ id: "tricky", type: "prometheus", url: tricky.url }], topology: { allow: ["http://127.0.0.1:*"] } });
      leaf.requests.length = 0;
      const t = await topology("tricky");
      expect(t.edges.filter((e) => e.kind === "federates")).toHaveLength(1);
      expect(leaf.requests).toHaveLength(0);
    } finally {
      await tricky.close();
    }
  });

  it.each([
    [["127.0.0.1:*"], /topology\.allow\[0\]: "127\.0\.0\.1:\*" must look like http:\/\/host:port/],
    [["http://ok:1", "http://a*b.example.com"], /topology\.allow\[1\]: .*a wildcard host must be \* or \*\.domain/],
  ])("start-up refuses the allowlist %j naming the entry", (allow, want) => {
    const dir = mkdtempSync(path.join(tmpdir(), "orrery-topology-"));
    writeFileSync(path.join(dir, "c.json"), JSON.stringify({ datasources: [], topology: { allow } }));
    expect(() => loadConfig({ ORRERY_CONFIG: "c.json" }, dir)).toThrow(want);
  });
});

/** A fake Thanos querier whose /api/v1/stores lists the given endpoints by type. */
function storesReply(stores: () => Record<string, { name: string; lastError?: string | null }[]>) {
  return (req: RecordedRequest, res: import("node:http").ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json" });
    if (req.url.startsWith("/api/v1/stores")) {
      const data = Object.fromEntries(Object.entries(stores()).map(([type, eps]) => [type, eps.map((e) => ({ lastError: null, labelSets: [], minTime: 0, maxTime: "MAX_INT64", ...e }))]));
      res.end(ok(data).replace(/"MAX_INT64"/g, "9223372036854775807"));
    } else res.end(ok({ resultType: "vector", result: [] }));
  };
}

describe("nested Thanos queriers (query → query)", () => {
  // Each querier's HTTP port is its gRPC port + 1 (thanosHttpPortOffset, Thanos' 10901/10902).
  let a: RecordingUpstream;
  let b: RecordingUpstream;
  let c: RecordingUpstream;
  const grpc = (u: RecordingUpstream) => `127.0.0.1:${port(u) - 1}`;
  beforeAll(async () => {
    a = await startRecordingUpstream(storesReply(() => ({ sidecar: [{ name: "sidecar-a:10901" }], query: [{ name: grpc(b) }] })));
    b = await startRecordingUpstream(storesReply(() => ({ store: [{ name: "store-b:10901" }], query: [{ name: grpc(a) }, { name: grpc(c) }] })));
    c = await startRecordingUpstream(storesReply(() => ({ receive: [{ name: "receive-c:10901" }] })));
  });
  afterAll(async () => {
    for (const u of [a, b, c]) await u?.close();
  });
  const reset = () => [a, b, c].forEach((u) => (u.requests.length = 0));
  const storesHits = (u: RecordingUpstream) => u.requests.filter((r) => r.url === "/api/v1/stores").length;

  it("does not request a nested querier that is neither configured nor allowlisted", async () => {
    useConfig({ datasources: [{ id: "a", type: "thanos", url: a.url }], topology: { allow: ["http://localhost:*"] } });
    reset();
    const t = await topology("a");
    expect(t.nodes.map((n) => n.kind)).toEqual(["thanos-query", "sidecar", "query"]);
    expect(b.requests).toHaveLength(0);
    expect(c.requests).toHaveLength(0);
  });

  it("follows allowlisted queriers, each once (the loop back to a is cut by the visited set)", async () => {
    useConfig({ datasources: [{ id: "a", type: "thanos", url: a.url }], topology: { allow: ["http://127.0.0.1:*"] } });
    reset();
    const t = await topology("a");
    expect([storesHits(a), storesHits(b), storesHits(c)]).toEqual([1, 1, 1]);
    expect(t.nodes.map((n) => n.name).sort()).toEqual(["a", grpc(a), grpc(b), grpc(c), "receive-c:10901", "sidecar-a:10901", "store-b:10901"].sort());
    const edge = (from: string, to: string) => t.edges.some((e) => e.source === `endpoint:${from}` && e.target === `endpoint:${to}`);
    expect(edge(grpc(b), "store-b:10901")).toBe(true);
    expect(edge(grpc(c), "receive-c:10901")).toBe(true);
    expect(t.errors).toEqual([]);
  });

  it("stops at maxDepth and says so", async () => {
    useConfig({ datasources: [{ id: "a", type: "thanos", url: a.url }], topology: { allow: ["http://127.0.0.1:*"], maxDepth: 1 } });
    reset();
    const t = await topology("a");
    expect([storesHits(a), storesHits(b), storesHits(c)]).toEqual([1, 1, 0]);
    expect(t.errors).toEqual([{ source: `discovered:${host(c)}`, message: "nested queriers deeper than 1 levels; not followed" }]);
  });

  it("follows a configured nested querier without any allowlist, and links its node to it", async () => {
    useConfig({ datasources: [{ id: "a", type: "thanos", url: a.url }, { id: "b", type: "thanos", url: b.url }] });
    reset();
    const t = await topology("a");
    expect([storesHits(a), storesHits(b), storesHits(c)]).toEqual([1, 1, 0]);
    expect(t.nodes.find((n) => n.name === grpc(b))?.datasourceId).toBe("b");
  });
});
