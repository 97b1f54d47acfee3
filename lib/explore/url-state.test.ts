import { describe, expect, it } from "vitest";
import { decodeExploreState, DEFAULT_EXPLORE_STATE, encodeExploreState, type ExploreState } from "./url-state";

const state = (patch: Partial<ExploreState>): ExploreState => ({ ...DEFAULT_EXPLORE_STATE, ...patch });

describe("encodeExploreState / decodeExploreState round trip", () => {
  it.each<[string, ExploreState]>([
    ["defaults", DEFAULT_EXPLORE_STATE],
    ["a full view", state({ expr: "sum by (cluster) (up)", datasource: "east", range: { from: "now-6h", to: "now" }, tab: "table", stepS: 30 })],
    ["absolute times", state({ range: { from: "2024-03-13T00:00:00.000Z", to: "1710339936789" } })],
    ["rounded times", state({ range: { from: "now-1d/d", to: "now-1d/d" } })],
    ["awkward characters", state({ expr: 'rate(http_requests_total{path=~"/a&b=c?d#e%20", code!="5.."}[5m]) + 1\n/ 2' })],
    ["a fractional step", state({ stepS: 0.5 })],
  ])("%s", (_name, value) => {
    expect(decodeExploreState(encodeExploreState(value))).toEqual(value);
  });
});

describe("encodeExploreState", () => {
  it("writes parameters in a fixed order and leaves out an empty expr, default datasource and auto step", () => {
    expect(encodeExploreState(DEFAULT_EXPLORE_STATE)).toBe("from=now-1h&to=now&tab=graph");
    expect(encodeExploreState(state({ expr: "up", datasource: "west", stepS: 15 }))).toBe(
      "expr=up&ds=west&from=now-1h&to=now&tab=graph&step=15",
    );
  });
});

describe("decodeExploreState", () => {
  it.each<[string, Partial<ExploreState>]>([
    ["", {}],
    ["?expr=up", { expr: "up" }],
    ["expr=up&ds=east&from=now-15m&to=now-5m&tab=table&step=1m", { expr: "up", datasource: "east", range: { from: "now-15m", to: "now-5m" }, tab: "table", stepS: 60 }],
    ["step=2.5", { stepS: 2.5 }],
    ["step=1h30m", { stepS: 5400 }],
    // Invalid values fall back, one field at a time.
    ["ds=../../etc", {}],
    ["ds=", {}],
    ["ds=a%20b", {}],
    ["from=yesterday&to=now-5m", { range: { from: "now-1h", to: "now-5m" } }],
    ["from=now-2h&to=soon", { range: { from: "now-2h", to: "now" } }],
    ["tab=pie", {}],
    ["tab=TABLE", {}],
    ["step=0", {}],
    ["step=-15", {}],
    ["step=fast", {}],
    ["step=NaN", {}],
    ["step=1e12", {}],
    [`expr=${"x".repeat(70_000)}`, {}],
  ])("%j", (search, expected) => {
    expect(decodeExploreState(search)).toEqual(state(expected));
  });

  it("accepts URLSearchParams and takes the first of repeated parameters", () => {
    expect(decodeExploreState(new URLSearchParams("tab=table&tab=graph")).tab).toBe("table");
  });
});
