import { describe, expect, it } from "vitest";
import { syntheticTopology } from "@/test/topology/synthetic";
import { collapsedJobsId, collapseJobs, CROWDED_NODES, filterTopology, nodeMatches, parseFilter, showLabel } from "./view";

describe("the synthetic topology", () => {
  it("has 200 nodes", () => expect(syntheticTopology().nodes).toHaveLength(200));
});

describe("collapseJobs", () => {
  const c = collapseJobs(syntheticTopology());
  it("keeps servers and leaves one jobs node per server", () => {
    expect(c.nodes).toHaveLength(1 + 21 + 22);
    expect(c.nodes.filter((n) => n.kind === "scrape-job").every((n) => n.id.startsWith("jobs:"))).toBe(true);
    expect(c.edges.filter((e) => e.kind === "scrapes")).toHaveLength(22);
    expect(c.edges.filter((e) => e.kind === "federates")).toHaveLength(21);
  });
  it("sums targets and samples/s and combines health", () => {
    const east = c.nodes.find((n) => n.id === collapsedJobsId("east"));
    expect(east).toMatchObject({ name: "8 scrape jobs", health: "degraded", targetsUp: 14, targetsDown: 2, healthReason: "j0: connection refused" });
    expect(c.nodes.find((n) => n.id === collapsedJobsId("west"))?.health).toBe("down");
    expect(c.nodes.find((n) => n.id === collapsedJobsId("c5"))?.health).toBe("up");
    expect(c.edges.find((e) => e.source === collapsedJobsId("global"))?.samplesPerSecond).toBe(100);
    expect(c.edges.find((e) => e.source === collapsedJobsId("east"))?.error).toBe("connection refused");
  });
  it("leaves a server with a single job alone", () => {
    const one = { nodes: [{ id: "p", kind: "prometheus" as const, name: "p", health: "up" as const }, { id: "j", kind: "scrape-job" as const, name: "j", health: "up" as const }], edges: [{ id: "e", source: "j", target: "p", kind: "scrapes" as const }] };
    expect(collapseJobs(one)).toEqual(one);
  });
});

describe("parseFilter / nodeMatches", () => {
  it.each([
    ["cluster=east", [{ key: "cluster", op: "=", value: "east" }]],
    ['cluster!="a b" leaf', [{ key: "cluster", op: "!=", value: "a b" }, { value: "leaf" }]],
    ['"two words"', [{ value: "two words" }]],
    ["   ", []],
    ["<img src=x>", [{ value: "<img" }, { key: "src", op: "=", value: "x>" }]],
  ])("%j", (text, want) => expect(parseFilter(text)).toEqual(want));

  const east = syntheticTopology().nodes.find((n) => n.id === "east")!;
  it.each([
    ["cluster=east", true],
    ["cluster=west", false],
    ["cluster!=west", true],
    ["replica=a cluster=east", true],
    ["kind=prometheus", true],
    ["health=down", false],
    ["EAST.example", true],
    ["nosuch", false],
  ])("%s -> %s", (text, want) => expect(nodeMatches(east, parseFilter(text))).toBe(want));

  it("matches Thanos label sets", () => {
    expect(nodeMatches({ id: "s", kind: "sidecar", name: "s", health: "up", labelSets: [{ tenant: "x" }, { cluster: "east" }] }, parseFilter("cluster=east"))).toBe(true);
  });
});

describe("filterTopology", () => {
  it("keeps the matches and their neighbours", () => {
    const f = filterTopology(syntheticTopology(), "cluster=east");
    expect([...f.matched]).toEqual(["east"]);
    expect(f.nodes.map((n) => n.id).sort()).toEqual(["east", "global", ...Array.from({ length: 8 }, (_, i) => `job:east/j${i}`)].sort());
    expect(f.edges.every((e) => f.nodes.some((n) => n.id === e.source) && f.nodes.some((n) => n.id === e.target))).toBe(true);
  });
  it("keeps everything and matches nothing for an empty filter", () => {
    const f = filterTopology(syntheticTopology(), "");
    expect(f.nodes).toHaveLength(200);
    expect(f.matched.size).toBe(0);
  });
  it("shows every down job with its server", () => {
    const f = filterTopology(syntheticTopology(), "health=down kind=scrape-job");
    expect(f.matched.size).toBe(9);
    expect(f.nodes.filter((n) => n.kind === "prometheus").map((n) => n.id).sort()).toEqual(["east", "west"]);
  });
});

describe("showLabel", () => {
  it("shows every label up to the crowding threshold, then only selection and matches", () => {
    expect(showLabel("a", CROWDED_NODES, null, new Set())).toBe(true);
    expect(showLabel("a", 200, null, new Set())).toBe(false);
    expect(showLabel("a", 200, "a", new Set())).toBe(true);
    expect(showLabel("a", 200, null, new Set(["a"]))).toBe(true);
  });
});
