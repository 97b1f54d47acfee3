import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/topology/route";
import { topologySchema } from "@/lib/topology/schema";
import { useDatasources } from "../proxy-helpers";
import { type RecordingUpstream, startRecordingUpstream } from "../recording-upstream";
import { findFreePort } from "../../scripts/stack";
import { type ScratchPrometheus, startScratchPrometheus } from "../stack";
import { authed } from "@/test/auth/test-principal";

async function topology(ds: string) {
  const res = await GET(await authed(new Request(`http://orrery.test/api/topology?ds=${ds}`), "viewer"), undefined);
  expect(res.status).toBe(200);
  return topologySchema.parse(await res.json());
}

describe("a private mini-federation whose leaf is stopped and restarted", () => {
  let leaf: ScratchPrometheus;
  let parent: ScratchPrometheus;
  const leafAddress = () => new URL(leaf.url).host;

  beforeAll(async () => {
    leaf = await startScratchPrometheus({ name: "topo-leaf", externalLabels: { cluster: "scratch" }, scrapeInterval: "1s" });
    const closed = await findFreePort(); // nothing listens there: the "dead" job's target is down
    parent = await startScratchPrometheus({
      name: "topo-parent",
      scrapeInterval: "1s",
      scrapeJobs: [
        { job_name: "federate", honor_labels: true, metrics_path: "/federate", params: { "match[]": ['{job="prometheus"}'] }, static_configs: [{ targets: [leafAddress()] }] },
        { job_name: "dead", static_configs: [{ targets: [`127.0.0.1:${closed}`] }] },
      ],
    });
    useDatasources([
      { id: "parent", type: "prometheus", url: parent.url, timeout: "2s" },
      { id: "leaf", type: "prometheus", url: leaf.url, timeout: "2s" },
    ]);
  });
  afterAll(async () => {
    await parent?.dispose();
    await leaf?.dispose();
  });

  const leafNode = (t: Awaited<ReturnType<typeof topology>>) => t.nodes.find((n) => n.datasourceId === "leaf");
  const fedEdge = (t: Awaited<ReturnType<typeof topology>>) => t.edges.find((e) => e.kind === "federates");

  async function until(ds: string, ok: (t: Awaited<ReturnType<typeof topology>>) => boolean) {
    for (let i = 0; i < 40; i++) {
      const t = await topology(ds);
      if (ok(t)) return t;
      await new Promise((r) => setTimeout(r, 500));
    }
    return topology(ds);
  }

  const parentNode = (t: Awaited<ReturnType<typeof topology>>) => t.nodes.find((n) => n.datasourceId === "parent");

  it("is up with a lag while the leaf runs; the parent is degraded by its dead job", async () => {
    // The first federation scrape of a fresh leaf can carry 0 samples: wait for one that carries data.
    const t = await until(
      "parent",
      (t) => fedEdge(t)?.federationLagSeconds !== undefined && (fedEdge(t)?.samplesPerSecond ?? 0) > 0 && parentNode(t)?.health === "degraded",
    );
    expect(leafNode(t)?.health).toBe("up");
    expect(fedEdge(t)?.federationLagSeconds).toBeGreaterThanOrEqual(0);
    expect(fedEdge(t)?.samplesPerSecond).toBeGreaterThan(0);
    expect(parentNode(t)).toMatchObject({ health: "degraded", healthReason: "1 of 2 scrape targets down (job dead)" });
    expect(t.nodes.find((n) => n.kind === "scrape-job" && n.name === "dead")?.health).toBe("down");
  });

  it("marks only the leaf down, with the error on node and edge, then up again after restart", async () => {
    await leaf.stop();
    const down = await until("parent", (t) => leafNode(t)?.health === "down" && fedEdge(t)?.error !== undefined);
    expect(leafNode(down)?.health).toBe("down");
    expect(leafNode(down)?.healthReason).toMatch(/unreachable: connection refused/);
    expect(fedEdge(down)?.error).toMatch(/connection refused/);
    // A down leaf shows on the leaf; the parent's own health still only reflects its dead job.
    expect(parentNode(down)).toMatchObject({ health: "degraded", healthReason: "1 of 2 scrape targets down (job dead)" });
    expect(down.nodes.some((n) => n.kind === "scrape-job" && n.health === "up")).toBe(true);
    expect(down.errors.map((e) => e.source)).toContain("leaf");

    await leaf.start();
    const up = await until("parent", (t) => leafNode(t)?.health === "up" && fedEdge(t)?.error === undefined);
    expect(leafNode(up)?.health).toBe("up");
    expect(fedEdge(up)?.error).toBeUndefined();
  });
});

describe("SSRF: addresses found in upstream data are never requested", () => {
  let fake: RecordingUpstream;
  let victim: RecordingUpstream;

  beforeAll(async () => {
    victim = await startRecordingUpstream();
    const at = victim.url;
    const ok = (data: unknown) => JSON.stringify({ status: "success", data });
    const targets = ok({
      activeTargets: [
        { labels: { job: "federate", instance: new URL(at).host }, scrapePool: "federate", scrapeUrl: `${at}/federate?match%5B%5D=up`, health: "up", lastError: "" },
        { labels: { job: "app", instance: new URL(at).host }, scrapePool: "app", scrapeUrl: `${at}/metrics`, health: "up", lastError: "" },
      ],
    });
    const config = ok({ yaml: `remote_write:\n  - url: ${at}/api/v1/write\n` });
    fake = await startRecordingUpstream((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      if (req.url.startsWith("/api/v1/targets")) res.end(targets);
      else if (req.url.startsWith("/api/v1/status/config")) res.end(config);
      else if (req.url.startsWith("/api/v1/status/buildinfo")) res.end(ok({ version: "2.53.0" }));
      else res.end(ok({ resultType: "vector", result: [] }));
    });
    useDatasources([{ id: "fake", type: "prometheus", url: fake.url }]);
  });
  afterAll(async () => {
    await fake?.close();
    await victim?.close();
  });

  it("draws the federate, scrape and remote_write addresses but sends them zero requests", async () => {
    const t = await topology("fake");
    expect(t.edges.map((e) => e.kind).sort()).toEqual(["federates", "remote-writes", "scrapes"]);
    expect(t.nodes.find((n) => n.address === new URL(victim.url).host)?.health).toBe("up");
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(victim.requests).toHaveLength(0);
  });
});
