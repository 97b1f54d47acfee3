import { describe, expect, it } from "vitest";
import { soloPanelResponseSchema } from "@/lib/embed/solo-schema";
import { FRAMES_ENCODING } from "@/lib/promql/frames/schema";
import { readSoloResponse, SoloResponseError } from "./solo-response";

// readSoloResponse stands in for soloPanelResponseSchema on the embed page (bundle size): both must
// give the same verdict on every answer.
const ok = {
  dashboard: { uid: "d", title: "D", version: 3 },
  panel: { id: 2, type: "timeseries", title: "P", targets: [] },
  title: "P",
  timezone: "utc",
  range: { startMs: 0, endMs: 60_000 },
  variables: { cluster: ["east"] },
  targets: [
    { refId: "A", legendFormat: "", instant: false, stepS: 15, warnings: [], data: { resultType: "matrix", result: [{ metric: { job: "x" }, values: [[1, "1"], [2, "NaN"]] }, { metric: {}, histograms: [] }] } },
    { refId: "B", legendFormat: "{{job}}", instant: true, stepS: 15, warnings: ["w"], data: { resultType: "vector", result: [{ metric: { job: "y" }, value: [1, "2"] }] } },
    { refId: "C", legendFormat: "", instant: true, stepS: 15, warnings: [], data: { resultType: "scalar", result: [1, "3"] } },
    { refId: "D", error: "bad_data: parse error" },
    // The server's M4 for the page's chart (the page sent its plot area): a frame with per-series grid indices.
    { refId: "E", legendFormat: "", instant: false, stepS: 15, warnings: [], data: { encoding: "frames/v1", resultType: "matrix", startMs: 0, stepMs: 15_000, count: 9, width: 2, fromMs: 0, toMs: 120_000, series: [{ labels: { job: "x" }, values: [1, null, "NaN", 4], idx: [0, 2, 3, 4] }, { labels: {}, values: [] }] } },
  ],
  m4: true,
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases break arbitrary paths of a JSON clone
const clone = () => structuredClone(ok) as Record<string, any>;

const cases: Array<[string, unknown]> = [
  ["a full answer", ok],
  ["a planning error, no targets", { ...clone(), targets: [], error: "unknown datasource" }],
  ["not an object", "oops"],
  ["no dashboard version", (() => { const c = clone(); delete c.dashboard.version; return c; })()],
  ["panel id as text", (() => { const c = clone(); c.panel.id = "2"; return c; })()],
  ["range missing", (() => { const c = clone(); delete c.range; return c; })()],
  ["a variable that is not a list", (() => { const c = clone(); c.variables.cluster = "east"; return c; })()],
  ["a target without refId", (() => { const c = clone(); delete c.targets[0].refId; return c; })()],
  ["a target without data", (() => { const c = clone(); delete c.targets[0].data; return c; })()],
  ["an unknown resultType", (() => { const c = clone(); c.targets[0].data.resultType = "frames"; return c; })()],
  ["a sample with a numeric value", (() => { const c = clone(); c.targets[0].data.result[0].values[1] = [2, 5]; return c; })()],
  ["labels that are not text", (() => { const c = clone(); c.targets[1].data.result[0].metric = { job: 1 }; return c; })()],
  ["a scalar that is not a pair", (() => { const c = clone(); c.targets[2].data.result = [1]; return c; })()],
  ["warnings that are not text", (() => { const c = clone(); c.targets[1].warnings = [1]; return c; })()],
  ["targets not a list", { ...clone(), targets: {} }],
  ["a frame of another encoding", (() => { const c = clone(); c.targets[4].data.encoding = "frames/v2"; return c; })()],
  ["a frame without a step", (() => { const c = clone(); c.targets[4].data.stepMs = 0; return c; })()],
  ["a frame of width 0", (() => { const c = clone(); c.targets[4].data.width = 0; return c; })()],
  ["a frame with a fractional count", (() => { const c = clone(); c.targets[4].data.count = 1.5; return c; })()],
  ["a frame series without values", (() => { const c = clone(); delete c.targets[4].data.series[0].values; return c; })()],
  ["a frame series with indices not a list", (() => { const c = clone(); c.targets[4].data.series[0].idx = 3; return c; })()],
  ["a frame series with labels not text", (() => { const c = clone(); c.targets[4].data.series[1].labels = { a: 1 }; return c; })()],
  ["a frame without series", (() => { const c = clone(); delete c.targets[4].data.series; return c; })()],
  ["m4 not a boolean", { ...clone(), m4: "yes" }],
];

describe("readSoloResponse agrees with soloPanelResponseSchema", () => {
  it.each(cases)("%s", (_name, body) => {
    const zod = soloPanelResponseSchema.safeParse(body).success;
    if (zod) expect(readSoloResponse(body)).toEqual(body);
    else expect(() => readSoloResponse(body)).toThrow(SoloResponseError);
  });

  it("names where the answer is wrong", () => {
    const c = clone();
    c.targets[0].data.result[0].metric = null;
    expect(() => readSoloResponse(c)).toThrow("targets[0].data.result[0]");
  });
});

it("checks frames against the encoding the proxy writes", () => {
  expect(ok.targets[4]!.data).toMatchObject({ encoding: FRAMES_ENCODING });
});
