import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPrometheusGraph, markLaggingLeaves, prometheusNodeId, type Sample, selfMatchers, serverHealthFromTargets } from "./prometheus-graph";
import type { TopologyEdge, TopologyNode } from "./schema";
import { federationMatch, hostPort, parsePrometheusConfig, parseTargets } from "./prometheus-parse";

// Captured from the real test stack's global Prometheus (ports 47090-47092).
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/topology/fixtures/${name}`, import.meta.url), "utf8")) as { data: { yaml?: string } };
const NOW = Date.parse("2026-11-28T03:42:40Z");

describe("federationMatch", () => {
  it.each([
    ["http://a:9090/federate?match%5B%5D=%7Bjob%3D%22x%22%7D&match[]=up", ['{job="x"}', "up"]],
    ["http://a:9090/prefix/federate/", []],
    ["http://a:9090/metrics", undefined],
    ["not a url", undefined],
  ])("%s", (url, want) => expect(federationMatch(url)).toEqual(want));
});

describe("hostPort", () => {
  it.each([
    ["http://127.0.0.1:9090", "127.0.0.1:9090"],
    ["https://Prom.Example", "prom.example:443"],
    ["http://prom/", "prom:80"],
    ["::", undefined],
  ])("%s -> %s", (url, want) => expect(hostPort(url)).toBe(want));
});

describe("parsePrometheusConfig", () => {
  it("reads external labels, federate match[] and remote_write without credentials", () => {
    const cfg = parsePrometheusConfig(`
global: { external_labels: { cluster: east, replica: a } }
scrape_configs:
  - job_name: fed
    honor_labels: true
    metrics_path: /federate
    params: { "match[]": ['{job="a"}'] }
remote_write:
  - url: https://user:secret@recv.example/api/v1/receive
    name: thanos
`);
    expect(cfg.externalLabels).toEqual({ cluster: "east", replica: "a" });
    expect(cfg.jobs.fed).toEqual({ metricsPath: "/federate", honorLabels: true, match: ['{job="a"}'] });
    expect(cfg.remoteWrite).toEqual([{ url: "https://recv.example/api/v1/receive", name: "thanos" }]);
  });
});

describe("buildPrometheusGraph on the stack's global server", () => {
  const targets = parseTargets(fixture("global-targets.json").data);
  const config = parsePrometheusConfig(fixture("global-config.json").data.yaml ?? "");
  const server = prometheusNodeId("127.0.0.1:47090");
  const graph = buildPrometheusGraph(server, targets, config, NOW);

  it("has one scrape job and both federation leaves with their match[]", () => {
    expect(graph.nodes.filter((n) => n.kind === "scrape-job").map((n) => [n.name, n.targetsUp, n.targetsDown])).toEqual([["prometheus", 1, 0]]);
    expect(graph.leaves.map((l) => l.address).sort()).toEqual(["127.0.0.1:47091", "127.0.0.1:47092"]);
    const fed = graph.edges.filter((e) => e.kind === "federates");
    expect(fed.map((e) => e.target)).toEqual([server, server]);
    expect(fed[0]?.match).toEqual(['{job="prometheus"}', '{job="demo"}', '{__name__=~"up|node_.*"}']);
    expect(fed.every((e) => e.lastScrapeAgeSeconds !== undefined && e.lastScrapeAgeSeconds < 60)).toBe(true);
  });

  it("marks a leaf down with the target's lastError on node and edge", () => {
    const broken = targets.map((t) =>
      t.labels.instance === "127.0.0.1:47091" ? { ...t, health: "down", lastError: "connection refused" } : t,
    );
    const g = buildPrometheusGraph(server, broken, config, NOW);
    const leaf = g.nodes.find((n) => n.id === prometheusNodeId("127.0.0.1:47091"));
    expect(leaf).toMatchObject({ health: "down", healthReason: "connection refused" });
    expect(g.edges.find((e) => e.source === leaf?.id)?.error).toBe("connection refused");
  });

  it.each([
    [["up", "up"], "up"],
    [["up", "down"], "degraded"],
    [["down", "down"], "down"],
  ])("job health from targets %j is %s", (healths, want) => {
    const ts = healths.map((h, i) => ({ labels: { job: "j", instance: `h${i}:1` }, scrapePool: "j", scrapeUrl: `http://h${i}:1/metrics`, health: h }));
    expect(buildPrometheusGraph(server, ts, undefined, NOW).nodes[0]?.health).toBe(want);
  });

  it("draws remote_write as an edge to a node never marked up", () => {
    const g = buildPrometheusGraph(server, [], { externalLabels: {}, jobs: {}, remoteWrite: [{ url: "http://r:19291/api/v1/receive" }] }, NOW);
    expect(g.edges).toEqual([{ id: `${server}->remote-write:http://r:19291/api/v1/receive`, source: server, target: "remote-write:http://r:19291/api/v1/receive", kind: "remote-writes" }]);
    expect(g.nodes[0]?.health).toBe("unknown");
  });
});

describe("samples/s, self-scrape and degraded health", () => {
  const targets = parseTargets(fixture("global-targets.json").data);
  const config = parsePrometheusConfig(fixture("global-config.json").data.yaml ?? "");
  const server = prometheusNodeId("127.0.0.1:47090");
  // scrape_samples_scraped as the global server returns it: its own targets, plus a copy federated
  // from east (extra external labels) that must not be counted.
  const scraped: Sample[] = [
    { metric: { __name__: "scrape_samples_scraped", job: "prometheus", instance: "127.0.0.1:47090" }, value: 800 },
    { metric: { __name__: "scrape_samples_scraped", job: "federate", instance: "127.0.0.1:47091" }, value: 2000 },
    { metric: { __name__: "scrape_samples_scraped", job: "prometheus", instance: "127.0.0.1:47090", cluster: "east", replica: "a" }, value: 99999 },
  ];

  it("divides each target's scraped samples by its scrape interval (5s here)", () => {
    const g = buildPrometheusGraph(server, targets, config, NOW, { scraped });
    expect(g.edges.find((e) => e.kind === "scrapes")?.samplesPerSecond).toBe(160);
    const fed = g.edges.filter((e) => e.kind === "federates");
    expect(fed.find((e) => e.source === prometheusNodeId("127.0.0.1:47091"))?.samplesPerSecond).toBe(400);
    expect(fed.find((e) => e.source === prometheusNodeId("127.0.0.1:47092"))?.samplesPerSecond).toBeUndefined();
  });

  it("falls back to the job's, then the global scrape_interval, then 1m", () => {
    const t = { labels: { job: "j", instance: "h:1" }, scrapePool: "j", scrapeUrl: "http://h:1/metrics", health: "up" };
    const sample = [{ metric: { job: "j", instance: "h:1" }, value: 600 }];
    const rate = (cfg: Parameters<typeof buildPrometheusGraph>[2]) => buildPrometheusGraph(server, [t], cfg, NOW, { scraped: sample }).edges[0]?.samplesPerSecond;
    expect(rate({ externalLabels: {}, jobs: { j: { metricsPath: "/metrics", honorLabels: false, match: [], scrapeInterval: "30s" } }, remoteWrite: [], scrapeInterval: "15s" })).toBe(20);
    expect(rate({ externalLabels: {}, jobs: {}, remoteWrite: [], scrapeInterval: "15s" })).toBe(40);
    expect(rate(undefined)).toBe(10);
  });

  it("finds the server's own scrape for self-metric queries", () => {
    expect(selfMatchers(targets, "http://127.0.0.1:47090")).toBe('job="prometheus",instance="127.0.0.1:47090"');
    expect(selfMatchers(targets, "http://127.0.0.1:47091")).toBe("");
  });

  it("is degraded when some own scrape targets are down, not when a federated leaf is", () => {
    expect(serverHealthFromTargets(targets)).toEqual({ health: "up" });
    const leafDown = targets.map((t) => (t.scrapePool === "federate" ? { ...t, health: "down" } : t));
    expect(serverHealthFromTargets(leafDown)).toEqual({ health: "up" });
    const jobDown = [...targets, { labels: { job: "node" }, scrapePool: "node", scrapeUrl: "http://n:9100/metrics", health: "down" }];
    expect(serverHealthFromTargets(jobDown)).toEqual({ health: "degraded", reason: "1 of 2 scrape targets down (job node)" });
  });

  it("marks a leaf degraded when its federated copy lags over the threshold", () => {
    const parent: TopologyNode = { id: "g", kind: "prometheus", name: "global", health: "up" };
    const nodes = new Map<string, TopologyNode>([
      ["e", { id: "e", kind: "prometheus", name: "east", health: "up" }],
      ["w", { id: "w", kind: "prometheus", name: "west", health: "up" }],
    ]);
    const edges: TopologyEdge[] = [
      { id: "1", source: "e", target: "g", kind: "federates", federationLagSeconds: 300 },
      { id: "2", source: "w", target: "g", kind: "federates", federationLagSeconds: 10 },
    ];
    markLaggingLeaves(nodes, edges, parent, 120);
    expect(nodes.get("e")).toMatchObject({ health: "degraded", healthReason: "federated copy on global trails by 5 min (threshold 2 min)" });
    expect(edges[0]?.warning).toBe(nodes.get("e")?.healthReason);
    expect(nodes.get("w")?.health).toBe("up");
    expect(edges[1]?.warning).toBeUndefined();
  });
});
