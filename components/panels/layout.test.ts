import { describe, expect, it } from "vitest";
import { fitFontSize, gridLayout } from "./layout";

describe("gridLayout", () => {
  it.each<[number, number, number, number | undefined, [number, number]]>([
    [1, 400, 200, undefined, [1, 1]],
    [3, 900, 100, undefined, [3, 1]], // a wide panel: one row
    [3, 200, 600, undefined, [1, 3]], // a tall panel: one column
    [4, 800, 400, undefined, [2, 2]],
    [4, 400, 400, 1, [2, 2]],
    [0, 400, 200, undefined, [1, 1]],
  ])("%d items in %dx%d (aspect %s) → %j columns×rows", (count, w, h, aspect, [columns, rows]) => {
    expect(gridLayout(count, w, h, aspect)).toMatchObject({ columns, rows });
  });

  it("divides the box evenly", () => {
    expect(gridLayout(4, 800, 400)).toEqual({ columns: 2, rows: 2, cellWidth: 400, cellHeight: 200 });
  });
});

describe("fitFontSize", () => {
  it.each<[number, number, number, number]>([
    [4, 600, 50, 50], // height-bound
    [10, 120, 100, 20], // width-bound: 120 / (10 × 0.6)
    [40, 50, 100, 10], // never below the minimum
    [1, 10000, 10000, 160], // never above the maximum
  ])("%d chars in %dx%d → %dpx", (chars, w, h, expected) => {
    expect(fitFontSize(chars, w, h)).toBe(expected);
  });
});
