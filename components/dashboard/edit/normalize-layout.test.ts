import { describe, expect, it } from "vitest";
import { dashboardSchema } from "@/lib/dashboards/schema";
import { normalizeLayout } from "./normalize-layout";

const dash = (panels: unknown[]) => dashboardSchema.parse({ schemaVersion: 1, uid: "u", title: "t", panels });
const stat = (id: number, x: number, y: number) => ({ id, type: "stat", gridPos: { x, y, w: 6, h: 4 } });

describe("normalizeLayout", () => {
  it.each([
    { name: "gaps close upwards", panels: [stat(1, 0, 3), stat(2, 0, 20)], want: [0, 4] },
    { name: "a row follows its section", panels: [stat(1, 0, 0), { id: 2, type: "row", gridPos: { x: 0, y: 9, w: 24, h: 1 } }, stat(3, 6, 15)], want: [0, 4, 5] },
  ])("compacts as the grid does: $name", ({ panels, want }) => {
    expect(normalizeLayout(dash(panels)).panels.map((p) => p.gridPos.y)).toEqual(want);
  });

  it("returns a compact dashboard unchanged, so starting to edit is not an edit", () => {
    const d = dash([stat(1, 0, 0), stat(2, 6, 0), stat(3, 0, 4)]);
    expect(normalizeLayout(d)).toBe(d);
  });
});
