import { describe, expect, it } from "vitest";
import { decodeKnativeViewState, DEFAULT_KNATIVE_VIEW, encodeKnativeViewState, type KnativeViewState } from "./url-state";

describe("Knative view URL state", () => {
  const state: KnativeViewState = { datasource: "east", namespace: "media", service: "thumbnailer", revision: "thumbnailer-00002", metricSet: "otel", range: { from: "now-3h", to: "now" } };

  it("round-trips and keeps other parameters (the what-if's wi.*)", () => {
    const encoded = encodeKnativeViewState(state, "wi.target=20&ns=old");
    expect(encoded).toBe("wi.target=20&ds=east&ns=media&svc=thumbnailer&rev=thumbnailer-00002&set=otel&from=now-3h&to=now");
    expect(decodeKnativeViewState(encoded)).toEqual(state);
  });

  it.each([
    ["ds=../etc&ns=Media&rev=a%22b&set=prom&from=yesterday&to=now", DEFAULT_KNATIVE_VIEW],
    ["", DEFAULT_KNATIVE_VIEW],
    ["svc=unknown&from=1700000000000&to=1700003600000", { ...DEFAULT_KNATIVE_VIEW, service: "unknown", range: { from: "1700000000000", to: "1700003600000" } }],
  ])("falls back per value on %j", (search, expected) => {
    expect(decodeKnativeViewState(search)).toEqual(expected);
  });
});
