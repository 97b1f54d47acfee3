import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPrometheusGraph, prometheusNodeId } from "./prometheus-graph";
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
