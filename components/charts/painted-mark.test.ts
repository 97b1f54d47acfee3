import { describe, expect, it } from "vitest";
import { optionHasData } from "./painted-mark";

describe("optionHasData (a chart counts as painted only once it draws data)", () => {
  it.each([
    ["a series with points", { series: [{ type: "line", data: [[0, 1]] }] }, true],
    ["one series object", { series: { type: "gauge", data: [{ value: 3 }] } }, true],
    ["typed array data", { series: [{ type: "line", data: new Float64Array([1, 2]) }] }, true],
    ["the second series has points", { series: [{ type: "line", data: [] }, { type: "line", data: [[0, 1]] }] }, true],
    ["a dataset with rows", { dataset: { source: [[0, 1]] }, series: [{ type: "line" }] }, true],
    ["series without points", { series: [{ type: "line", data: [] }] }, false],
    ["no series", { xAxis: {}, yAxis: {} }, false],
    ["an empty dataset", { dataset: [{ source: [] }], series: [{ type: "line" }] }, false],
    ["not an option", null, false],
  ])("%s → %s", (_name, option, expected) => {
    expect(optionHasData(option)).toBe(expected);
  });
});
