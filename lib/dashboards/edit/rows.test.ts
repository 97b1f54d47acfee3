import { describe, expect, it } from "vitest";
import { removeRow, toggleRow, updateRowTitle } from "./rows";
import { dash, expectValid, panel, row, shape } from "./test-fixtures";

describe("rows", () => {
  it.each([
    {
      name: "collapses an expanded row, moving what follows up",
      panels: [row(1, 0), panel(2, 1), panel(3, 5), row(4, 9), panel(5, 10)],
      want: ["row-1@0[2,3]", "row-4@1", "5@0,2,6x4"],
    },
    {
      name: "expands a collapsed row, moving what follows down",
      panels: [row(1, 0, { collapsed: true, panels: [panel(2, 20), panel(3, 24)] }), row(4, 1), panel(5, 2)],
      want: ["row-1@0", "2@0,1,6x4", "3@0,5,6x4", "row-4@9", "5@0,10,6x4"],
    },
    { name: "collapses an empty row", panels: [row(1, 0)], want: ["row-1@0[]"] },
  ])("$name", ({ panels, want }) => {
    const next = toggleRow(dash(panels), 1);
    expect(shape(next)).toEqual(want);
    expectValid(next);
  });

  it("collapsing then expanding gives the same layout back", () => {
    const d = dash([panel(9, 0), row(1, 4), panel(2, 5), panel(3, 5, { gridPos: { x: 6, y: 5, w: 6, h: 4 } }), row(4, 9)]);
    expect(toggleRow(toggleRow(d, 1), 1)).toEqual(d);
  });

  it.each([
    { name: "with its panels", withPanels: true, panels: [row(1, 0), panel(2, 1), row(3, 5), panel(4, 6)], want: ["row-3@5", "4@0,6,6x4"] },
    { name: "keeping its panels", withPanels: false, panels: [row(1, 0), panel(2, 1), row(3, 5)], want: ["2@0,1,6x4", "row-3@5"] },
    { name: "collapsed, keeping its panels", withPanels: false, panels: [row(1, 0, { collapsed: true, panels: [panel(2, 7)] })], want: ["2@0,1,6x4"] },
    { name: "collapsed, with its panels", withPanels: true, panels: [row(1, 0, { collapsed: true, panels: [panel(2, 7)] }), panel(3, 1)], want: [] },
  ])("removes a row $name", ({ withPanels, panels, want }) => {
    const next = removeRow(dash(panels), 1, withPanels);
    expect(shape(next)).toEqual(want);
    expectValid(next);
  });

  it("renames a row", () => {
    expect(updateRowTitle(dash([row(1, 0)]), 1, "Network").panels[0]).toMatchObject({ title: "Network" });
  });
});
