import { describe, expect, it } from "vitest";
import { nextHiddenSeries } from "./series-visibility";

const ALL = ["a", "b", "c"];

describe("nextHiddenSeries", () => {
  it.each<[string, string[], string, boolean, string[]]>([
    ["a click isolates a series", [], "b", false, ["a", "c"]],
    ["a click on the isolated series shows all again", ["a", "c"], "b", false, []],
    ["a click on a hidden series isolates it", ["a", "c"], "a", false, ["b", "c"]],
    ["a modified click hides one series", [], "b", true, ["b"]],
    ["a modified click shows a hidden series", ["b"], "b", true, []],
  ])("%s", (_name, hidden, clicked, toggle, expected) => {
    expect([...nextHiddenSeries(ALL, new Set(hidden), clicked, toggle)].sort()).toEqual(expected);
  });

  it("with a single series, a click keeps it shown", () => {
    expect([...nextHiddenSeries(["a"], new Set(), "a", false)]).toEqual([]);
  });
});
