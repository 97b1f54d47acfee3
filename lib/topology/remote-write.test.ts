import { describe, expect, it } from "vitest";
import type { Sample } from "./prometheus-graph";
import { buildRemoteWrite, remoteWriteQuery } from "./remote-write";

const s = (stat: string, value: number, labels: Record<string, string>): Sample => ({ metric: { stat, ...labels }, value });
const RECV = { remote_name: "thanos", url: "https://user:xxxxx@recv.example/api/v1/receive?token=abc" };

describe("buildRemoteWrite", () => {
  it("joins the config's URL and the queue metrics by remote_name, never showing credentials", () => {
    const { nodes, edges } = buildRemoteWrite("p", [{ url: "https://recv.example/api/v1/receive?token=xxxxx", name: "thanos" }], [
      s("rate", 1200.5, RECV),
      s("pending", 40, RECV),
      s("failed", 0, RECV),
      s("lag", 3.25, RECV),
    ], 120);
    expect(nodes).toEqual([{ id: "remote-write:https://recv.example/api/v1/receive?token=xxxxx", kind: "remote-write", name: "thanos", address: "https://recv.example/api/v1/receive?token=xxxxx", health: "up" }]);
    expect(edges[0]).toMatchObject({ source: "p", kind: "remote-writes", samplesPerSecond: 1200.5, pendingSamples: 40, failedSamplesPerSecond: 0, remoteWriteLagSeconds: 3.25 });
    expect(JSON.stringify({ nodes, edges })).not.toMatch(/user|abc/);
  });

  it("joins an unnamed queue by URL and is degraded when samples fail or the lag is over the threshold", () => {
    const labels = { remote_name: "6f2a1c", url: "http://r:19291/api/v1/receive" };
    const { nodes, edges } = buildRemoteWrite("p", [{ url: "http://r:19291/api/v1/receive" }], [s("failed", 2.5, labels), s("lag", 600, labels)], 120);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ health: "degraded", healthReason: "2.5 samples/s failing; remote write trails by 10 min (threshold 2 min)" });
    expect(edges[0]?.warning).toBe(nodes[0]?.healthReason);
  });

  it("draws queues only seen in metrics (config unreadable), and unknown health without metrics", () => {
    const g = buildRemoteWrite("p", [{ url: "http://cfg-only:1/w" }], [s("rate", 5, { remote_name: "x", url: "http://a:b@metrics-only:2/w" })], 120);
    expect(g.nodes.map((n) => [n.address, n.health])).toEqual([["http://cfg-only:1/w", "unknown"], ["http://metrics-only:2/w", "up"]]);
  });

  it("ignores samples without a known stat or a URL", () => {
    expect(buildRemoteWrite("p", [], [s("other", 1, RECV), s("rate", 1, { remote_name: "x" })], 120)).toEqual({ nodes: [], edges: [] });
  });
});

describe("remoteWriteQuery", () => {
  it("restricts every metric to the server's own series", () => {
    const q = remoteWriteQuery('job="prometheus",instance="a:1"');
    for (const m of ["samples_total", "samples_pending", "samples_failed_total", "highest_timestamp_in_seconds", "queue_highest_sent_timestamp_seconds"]) {
      expect(q).toContain(`prometheus_remote_storage_${m}{job="prometheus",instance="a:1"}`);
    }
  });
});
