import { describe, expect, it } from "vitest";
import { buildLayout } from "./layout";
import { dashboardSchema, type Dashboard } from "./schema";

const panel = (id: number, over: Record<string, unknown> = {}) => ({ id, type: "stat", title: `p${id}`, gridPos: { x: 0, y: id, w: 6, h: 4 }, ...over });
const row = (id: number, over: Record<string, unknown> = {}) => ({ id, type: "row", title: `r${id}`, gridPos: { x: 0, y: id, w: 24, h: 1 }, ...over });
const dash = (panels: unknown[]): Dashboard => dashboardSchema.parse({ schemaVersion: 1, uid: "u", title: "t", panels });
const keys = (d: Dashboard, sel = {}, collapsed = {}) => buildLayout(d, sel, collapsed).map((i) => i.key);

describe("buildLayout", () => {
  it("keeps panels before the first row, and each expanded row's panels after it", () => {
    expect(keys(dash([panel(1), row(2), panel(3), panel(4), row(5), panel(6)]))).toEqual(["1", "row-2", "3", "4", "row-5", "6"]);
  });

  it("a collapsed row shows itself only; its own panels appear when expanded by the viewer", () => {
    const d = dash([row(1, { collapsed: true, panels: [panel(2), panel(3)] }), row(4), panel(5)]);
    expect(keys(d)).toEqual(["row-1", "row-4", "5"]);
    expect(keys(d, {}, { "row-1": false })).toEqual(["row-1", "2", "3", "row-4", "5"]);
    expect(keys(d, {}, { "row-4": true })).toEqual(["row-1", "row-4"]);
    const first = buildLayout(d, {})[0]!;
    expect(first.kind === "row" && first.childCount).toBe(2);
  });

  it("repeats a panel horizontally, wrapping at maxPerRow, each clone scoped to its value", () => {
    const items = buildLayout(dash([panel(1, { repeat: "cluster", gridPos: { x: 0, y: 0, w: 8, h: 5 }, maxPerRow: 2 })]), { cluster: ["a", "b", "c"] });
    expect(items.map((i) => [i.key, i.gridPos, i.scopedVars])).toEqual([
      ["1-0", { x: 0, y: 0, w: 12, h: 5 }, { cluster: "a" }],
      ["1-1", { x: 12, y: 0, w: 12, h: 5 }, { cluster: "b" }],
      ["1-2", { x: 0, y: 5, w: 12, h: 5 }, { cluster: "c" }],
    ]);
  });

  it("gives each of up to 4 horizontal clones an equal share of the 24 columns", () => {
    const widths = (n: number) => buildLayout(dash([panel(1, { repeat: "v" })]), { v: Array.from({ length: n }, (_, i) => `${i}`) }).map((i) => i.gridPos.w);
    expect(widths(2)).toEqual([12, 12]);
    expect(widths(3)).toEqual([8, 8, 8]);
    expect(widths(6)).toEqual([6, 6, 6, 6, 6, 6]);
  });

  it("repeats vertically with the panel's own width", () => {
    const items = buildLayout(dash([panel(1, { repeat: "v", repeatDirection: "v", gridPos: { x: 6, y: 2, w: 10, h: 3 } })]), { v: ["x", "y"] });
    expect(items.map((i) => i.gridPos)).toEqual([{ x: 6, y: 2, w: 10, h: 3 }, { x: 6, y: 5, w: 10, h: 3 }]);
  });

  it("a repeat over a variable with no values shows the panel once, unscoped", () => {
    expect(buildLayout(dash([panel(1, { repeat: "v" })]), {}).map((i) => [i.key, i.scopedVars])).toEqual([["1", {}]]);
  });

  it("repeats a row with its panels, scoping them to the row's value", () => {
    const items = buildLayout(dash([row(1, { repeat: "ns" }), panel(2), panel(3)]), { ns: ["a", "b"] });
    expect(items.map((i) => [i.key, i.scopedVars])).toEqual([
      ["row-1-0", { ns: "a" }], ["row-1-0:2", { ns: "a" }], ["row-1-0:3", { ns: "a" }],
      ["row-1-1", { ns: "b" }], ["row-1-1:2", { ns: "b" }], ["row-1-1:3", { ns: "b" }],
    ]);
  });
});
