import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildThanosGraph, labelSetsMatch, normalizeTimeBound, OPEN_ENDED, parseStoresText } from "./thanos-stores";

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/thanos/${name}`, import.meta.url), "utf8");
const QUERIER = { id: "thanos:q", name: "q", address: "http://q:10902" };

describe("normalizeTimeBound", () => {
  it.each([
    ["9223372036854775807", OPEN_ENDED],
    ["9223372036854776000", OPEN_ENDED],
    ["9007199254740992", OPEN_ENDED],
    ["-62167219200000", OPEN_ENDED],
    ["1592136000000", "1592136000000"],
    ["0", "0"],
    ["92233720368547", "92233720368547"],
    [undefined, OPEN_ENDED],
  ])("%s -> %s", (raw, want) => expect(normalizeTimeBound(raw)).toBe(want));
});

describe("parseStoresText", () => {
  it("keeps every digit of MaxInt64 from the raw JSON text", () => {
    const text = '{"status":"success","data":{"sidecar":[{"name":"s:10901","lastError":null,"labelSets":[],"minTime":-62167219200000,"maxTime":9223372036854775807}]}}';
    const ep = parseStoresText(text).sidecar?.[0];
    expect(ep?.maxTime).toBe("9223372036854775807");
    expect(ep?.minTime).toBe("-62167219200000");
    expect(normalizeTimeBound(ep?.maxTime)).toBe(OPEN_ENDED);
  });

  it("rejects an error envelope", () => {
    expect(() => parseStoresText('{"status":"error","errorType":"internal","error":"x"}')).toThrow();
  });
});

describe("buildThanosGraph on real payloads", () => {
  it("UI test data: open-ended sidecar, empty labelSets, store with lastError", () => {
    const { nodes, edges } = buildThanosGraph(QUERIER, parseStoresText(fixture("stores-ui-testdata.json")));
    expect(nodes.map((n) => [n.kind, n.name, n.health])).toEqual([
      ["thanos-query", "q", "degraded"],
      ["sidecar", "thanos_sidecar_one:10901", "up"],
      ["sidecar", "thanos_sidecar_two:10901", "down"],
      ["store", "thanos_store:10901", "up"],
    ]);
    expect(nodes[0]!.healthReason).toBe("1 of 3 endpoints failing (thanos_sidecar_two:10901: some error message)");
    const one = nodes[1]!;
    expect(one.timeRange).toEqual({ minTime: OPEN_ENDED, maxTime: OPEN_ENDED });
    const two = nodes[2]!;
    expect(two.healthReason).toBe("some error message");
    expect(two.labelSets).toEqual([]);
    expect(two.timeRange).toEqual({ minTime: "62167219200000", maxTime: "92233720368547" });
    expect(nodes[3]!.timeRange).toEqual({ minTime: "1589461363260", maxTime: "1592136000000" });
    expect(edges).toHaveLength(3);
    expect(edges.find((e) => e.target === two.id)?.error).toBe("some error message");
  });

  it("e2e info-api payload: store gateway with empty labelSets and zeroed times", () => {
    const { nodes } = buildThanosGraph(QUERIER, parseStoresText(fixture("stores-e2e-info-api-expected.json")));
    const store = nodes.find((n) => n.kind === "store");
    expect(store?.labelSets).toEqual([]);
    expect(store?.timeRange).toEqual({ minTime: "0", maxTime: "0" });
    expect(nodes.filter((n) => n.kind === "sidecar")).toHaveLength(3);
  });

  it("prom-label-proxy issue payload: two sidecars, open-ended", () => {
    const { nodes } = buildThanosGraph(QUERIER, parseStoresText(fixture("stores-prom-label-proxy-issue69.json")));
    const sidecars = nodes.filter((n) => n.kind === "sidecar");
    expect(sidecars.map((n) => n.labelSets?.[0]?.tenant)).toEqual(["team-fruit", "team-veggie"]);
    expect(sidecars.every((n) => n.timeRange?.maxTime === OPEN_ENDED && n.health === "up")).toBe(true);
    expect(nodes[0]!.health).toBe("up");
  });
});

describe("labelSetsMatch", () => {
  it.each([
    [[{ cluster: "east", replica: "a" }], { cluster: "east", replica: "a" }, true],
    [[{ cluster: "east", replica: "a", tenant: "x" }], { cluster: "east" }, true],
    [[{ cluster: "west" }], { cluster: "east" }, false],
    [[], { cluster: "east" }, false],
    [[{ cluster: "east" }], {}, false],
  ])("%j vs %j -> %s", (sets, ext, want) => expect(labelSetsMatch(sets, ext)).toBe(want));
});
