import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/topology/route";
import { topologySchema } from "@/lib/topology/schema";
import { createPrometheus, findFreePort, type SinglePrometheus } from "../../scripts/stack";
import { useDatasources } from "../proxy-helpers";
import { type RecordingUpstream, startRecordingUpstream } from "../recording-upstream";
import { authed } from "@/test/auth/test-principal";

// A real Prometheus remote-writing to a loopback receiver: the remote-write edge is drawn from its
// config and its prometheus_remote_storage_* metrics, without the credentials in its config.

describe("remote_write edges from a real Prometheus", () => {
  let receiver: RecordingUpstream;
  let sender: SinglePrometheus;
  let dir: string;

  beforeAll(async () => {
    receiver = await startRecordingUpstream((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    dir = mkdtempSync(join(tmpdir(), "orrery-rw-"));
    sender = createPrometheus({ dir, port: await findFreePort(), name: "topology-rw-sender", scrapeInterval: "1s", retention: "1d" });
    appendFileSync(join(dir, "prometheus.yml"), [
      "remote_write:",
      `  - url: ${receiver.url}/api/v1/write?token=query-secret`,
      "    name: loopback",
      "    basic_auth: { username: orrery, password: basic-secret }",
      "    queue_config: { batch_send_deadline: 1s }",
      "",
    ].join("\n"));
    await sender.start();
    useDatasources([{ id: "sender", type: "prometheus", url: sender.url }]);
  }, 60_000);
  afterAll(async () => {
    await sender?.stop();
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function topology() {
    const res = await GET(await authed(new Request("http://orrery.test/api/topology?ds=sender"), "viewer"), undefined);
    expect(res.status).toBe(200);
    return { text: await res.clone().text(), t: topologySchema.parse(await res.json()) };
  }

  it("has the queue's samples/s, pending and lag, is up, and never shows the secrets", async () => {
    let last: Awaited<ReturnType<typeof topology>> | undefined;
    for (let i = 0; i < 60; i++) {
      last = await topology();
      const e = last.t.edges.find((e) => e.kind === "remote-writes");
      if (e?.samplesPerSecond !== undefined && e.samplesPerSecond > 0 && e.remoteWriteLagSeconds !== undefined) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const { t, text } = last!;
    const edges = t.edges.filter((e) => e.kind === "remote-writes");
    expect(edges).toHaveLength(1);
    const edge = edges[0]!;
    expect(edge.samplesPerSecond).toBeGreaterThan(0);
    expect(edge.pendingSamples).toBeGreaterThanOrEqual(0);
    expect(edge.failedSamplesPerSecond).toBe(0);
    expect(edge.remoteWriteLagSeconds).toBeGreaterThanOrEqual(0);
    const node = t.nodes.find((n) => n.id === edge.target);
    expect(node).toMatchObject({ kind: "remote-write", name: "loopback", health: "up", address: `${receiver.url}/api/v1/write?token=xxxxx` });
    expect(text).not.toMatch(/query-secret|basic-secret/);
    // The receiver only ever heard from Prometheus (remote write), never from Orrery.
    expect(receiver.requests.length).toBeGreaterThan(0);
    expect(receiver.requests.every((r) => r.method === "POST" && r.url.startsWith("/api/v1/write"))).toBe(true);
  }, 60_000);
});
