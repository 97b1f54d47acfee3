import { describe, expect, it } from "vitest";
import { allPanelIds, findPanel, generateUid, nextPanelId, nextRefId } from "./ids";
import { addPanel, addRow, duplicatePanel, removePanel } from "./panels";
import { dash, defaultsOf, expectValid, PANEL_TYPES_FOR_TESTS, panel, row, shape } from "./test-fixtures";

describe("ids", () => {
  it.each([
    { panels: [], next: 1 },
    { panels: [panel(3, 0)], next: 4 },
    { panels: [panel(1, 0), row(2, 4, { collapsed: true, panels: [panel(9, 5)] })], next: 10 },
  ])("next free panel id after $panels.length panels is $next", ({ panels, next }) => {
    expect(nextPanelId(dash(panels))).toBe(next);
  });

  it.each([
    { used: [], next: "A" },
    { used: ["A", "B"], next: "C" },
    { used: ["B"], next: "A" },
    { used: Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)), next: "A1" },
  ])("next refId after $used is $next", ({ used, next }) => {
    expect(nextRefId(used.map((refId) => ({ refId })))).toBe(next);
  });

  it("generates 9-character uids of letters and digits", () => {
    expect(generateUid()).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(generateUid(() => new Uint8Array([0, 1, 25, 26, 51, 52, 61, 62, 255]))).toBe("ABZaz09AH");
  });
});

describe("addPanel", () => {
  it.each(PANEL_TYPES_FOR_TESTS)("adds a valid %s panel with the type's defaults", (type) => {
    const { dashboard, id } = addPanel(dash([panel(1, 0)]), type, defaultsOf(type));
    expectValid(dashboard);
    const added = findPanel(dashboard, id)!;
    expect(added).toMatchObject({ id: 2, type, gridPos: { x: 0, y: 4, w: 12, h: 8 }, targets: [] });
    expect(added.options).toEqual(defaultsOf(type).options);
  });

  it.each([
    { name: "empty, bottom", panels: [], placement: "bottom" as const, want: ["1@0,0,12x8"] },
    { name: "below the last panel", panels: [panel(1, 0), panel(2, 4)], placement: "bottom" as const, want: ["1@0,0,6x4", "2@0,4,6x4", "3@0,8,12x8"] },
    { name: "at the top, others move down", panels: [panel(1, 0), row(2, 4)], placement: "top" as const, want: ["3@0,0,12x8", "1@0,8,6x4", "row-2@12"] },
    { name: "at the top when the last row is collapsed", panels: [panel(1, 0), row(2, 4, { collapsed: true, panels: [panel(3, 5)] })], placement: "bottom" as const, want: ["4@0,0,12x8", "1@0,8,6x4", "row-2@12[3]"] },
    { name: "into the last expanded row", panels: [row(1, 0), panel(2, 1)], placement: "bottom" as const, want: ["row-1@0", "2@0,1,6x4", "3@0,5,12x8"] },
  ])("places it $name", ({ panels, placement, want }) => {
    const { dashboard } = addPanel(dash(panels), "timeseries", defaultsOf("timeseries"), placement);
    expect(shape(dashboard)).toEqual(want);
    expectValid(dashboard);
  });
});

describe("duplicatePanel / removePanel / addRow", () => {
  it.each([
    { name: "beside when it fits", panels: [panel(1, 0), panel(2, 4)], id: 1, want: ["1@0,0,6x4", "3@6,0,6x4", "2@0,4,6x4"] },
    { name: "below when it does not, moving the rest down", panels: [panel(1, 0, { gridPos: { x: 0, y: 0, w: 20, h: 4 } }), panel(2, 4)], id: 1, want: ["1@0,0,20x4", "3@0,4,20x4", "2@0,8,6x4"] },
    { name: "inside a collapsed row", panels: [row(1, 0, { collapsed: true, panels: [panel(2, 1)] })], id: 2, want: ["row-1@0[2,3]"] },
    { name: "nothing for an unknown id", panels: [panel(1, 0)], id: 7, want: ["1@0,0,6x4"] },
  ])("duplicates $name", ({ panels, id, want }) => {
    const { dashboard } = duplicatePanel(dash(panels), id);
    expect(shape(dashboard)).toEqual(want);
    expectValid(dashboard);
  });

  it("copies everything but id and position", () => {
    const d = dash([panel(1, 0, { title: "CPU", targets: [{ refId: "A", expr: "up" }] })]);
    const { dashboard, id } = duplicatePanel(d, 1);
    expect({ ...findPanel(dashboard, id), id: 1, gridPos: null }).toEqual({ ...findPanel(d, 1), gridPos: null });
  });

  it.each([
    { panels: [panel(1, 0), panel(2, 4)], id: 1, want: [2] },
    { panels: [row(1, 0, { collapsed: true, panels: [panel(2, 1), panel(3, 1)] })], id: 2, want: [1, 3] },
    { panels: [panel(1, 0)], id: 5, want: [1] },
  ])("removes panel $id", ({ panels, id, want }) => {
    const d = removePanel(dash(panels), id);
    expect(allPanelIds(d.panels)).toEqual(want);
    expectValid(d);
  });

  it("adds an expanded row below everything", () => {
    const { dashboard, id } = addRow(dash([panel(1, 0), panel(2, 2)]));
    expect(id).toBe(3);
    expect(shape(dashboard)).toEqual(["1@0,0,6x4", "2@0,2,6x4", "row-3@6"]);
    expectValid(dashboard);
  });
});
