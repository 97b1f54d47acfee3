import { describe, expect, it } from "vitest";
import { applyGridLayout, type GridLayoutItem } from "./grid-layout";
import { dash, expectValid, panel, row, shape } from "./test-fixtures";

const item = (i: string, x: number, y: number, w: number, h: number): GridLayoutItem => ({ i, x, y, w, h });

describe("applyGridLayout", () => {
  it.each([
    {
      name: "a resize",
      panels: [panel(1, 0), panel(2, 4)],
      layout: [item("1", 0, 0, 12, 6), item("2", 0, 6, 6, 4)],
      want: ["1@0,0,12x6", "2@0,6,6x4"],
    },
    {
      name: "a swap, reordering the panels",
      panels: [panel(1, 0), panel(2, 4)],
      layout: [item("1", 0, 4, 6, 4), item("2", 0, 0, 6, 4)],
      want: ["2@0,0,6x4", "1@0,4,6x4"],
    },
    {
      name: "side by side, left to right",
      panels: [panel(1, 0), panel(2, 4)],
      layout: [item("1", 12, 0, 6, 4), item("2", 0, 0, 6, 4)],
      want: ["2@0,0,6x4", "1@12,0,6x4"],
    },
    {
      name: "a panel moved below an expanded row joins it",
      panels: [panel(1, 0), row(2, 4), panel(3, 5)],
      layout: [item("row-2", 0, 0, 24, 1), item("3", 0, 1, 6, 4), item("1", 0, 5, 6, 4)],
      want: ["row-2@0", "3@0,1,6x4", "1@0,5,6x4"],
    },
    {
      name: "a panel moved above the first row leaves it",
      panels: [row(1, 0), panel(2, 1), panel(3, 5)],
      layout: [item("3", 0, 0, 6, 4), item("row-1", 0, 4, 24, 1), item("2", 0, 5, 6, 4)],
      want: ["3@0,0,6x4", "row-1@4", "2@0,5,6x4"],
    },
    {
      name: "rows keep the full width and one unit of height",
      panels: [row(1, 0), panel(2, 1)],
      layout: [item("row-1", 3, 2, 10, 3), item("2", 0, 0, 6, 2)],
      want: ["2@0,0,6x2", "row-1@2"],
    },
    {
      name: "a panel dropped below a collapsed row goes into it",
      panels: [panel(1, 0), row(2, 4, { collapsed: true, panels: [panel(3, 5)] })],
      layout: [item("row-2", 0, 0, 24, 1), item("1", 0, 1, 6, 4)],
      want: ["row-2@0[3,1]"],
    },
    {
      name: "keys of repeated clones and unknown keys are ignored",
      panels: [panel(1, 0), panel(2, 4)],
      layout: [item("1", 0, 0, 8, 4), item("2-1", 0, 0, 1, 1), item("nope", 1, 1, 1, 1)],
      want: ["1@0,0,8x4", "2@0,4,6x4"],
    },
  ])("applies $name", ({ panels, layout, want }) => {
    const next = applyGridLayout(dash(panels), layout);
    expect(shape(next)).toEqual(want);
    expectValid(next);
  });

  it("returns the same dashboard when nothing moved", () => {
    const d = dash([panel(1, 0), row(2, 4), panel(3, 5)]);
    expect(applyGridLayout(d, [item("1", 0, 0, 6, 4), item("row-2", 0, 4, 24, 1), item("3", 0, 5, 6, 4)])).toBe(d);
    expect(applyGridLayout(d, [])).toBe(d);
  });
});
