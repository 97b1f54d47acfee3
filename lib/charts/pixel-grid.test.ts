import { afterEach, describe, expect, it, vi } from "vitest";
import { chartGrid, devicePixelRatioNow, m4Request, pixelGrid, samePlotArea } from "./pixel-grid";

afterEach(() => vi.unstubAllGlobals());

describe("devicePixelRatioNow", () => {
  it("is 1 without a window (the server)", () => {
    expect(typeof window).toBe("undefined");
    expect(devicePixelRatioNow()).toBe(1);
  });

  it.each([
    [2, 2],
    [1.25, 1.25],
    [0, 1],
    [Number.NaN, 1],
    [undefined, 1],
  ])("reads the window's ratio %s as %s", (ratio, expected) => {
    vi.stubGlobal("window", { devicePixelRatio: ratio });
    expect(devicePixelRatioNow()).toBe(expected);
  });
});

describe("chartGrid", () => {
  it("is undefined until the chart has reported its plot area, or for an empty range", () => {
    expect(chartGrid(0, 1000, undefined, 1)).toBeUndefined();
    expect(chartGrid(0, 1000, { leftPx: 10, widthPx: 0 }, 1)).toBeUndefined();
    expect(chartGrid(1000, 1000, { leftPx: 10, widthPx: 100 }, 1)).toBeUndefined();
  });

  it("is pixelGrid over the plot, at the window's ratio by default", () => {
    const plot = { leftPx: 52.5, widthPx: 700.25 };
    vi.stubGlobal("window", { devicePixelRatio: 2 });
    expect(chartGrid(1_000, 3_601_000, plot)).toEqual(pixelGrid(1_000, 3_601_000, plot, 2));
    expect(chartGrid(1_000, 3_601_000, plot, 1)).toEqual(pixelGrid(1_000, 3_601_000, plot, 1));
  });

  it("maps each device-pixel column of the plot to one bucket, its edges on pixel edges", () => {
    // 2x screen, plot from CSS px 52.5 (device px 105) over 700.25 CSS px (1400.5 device px).
    const [startMs, endMs] = [0, 1_400_500];
    const g = chartGrid(startMs, endMs, { leftPx: 52.5, widthPx: 700.25 }, 2)!;
    const msPerPx = (endMs - startMs) / 1400.5;
    expect(g.columns).toBe(1401); // device columns 105 … 1505 (the end falls inside 1505)
    expect(g.x0).toBeCloseTo(startMs, 6);
    expect((g.x1 - g.x0) / g.columns).toBeCloseTo(msPerPx, 9);
    // The range's end lies in the last column, not past it.
    expect(g.x1).toBeGreaterThan(endMs);
    expect(g.x1 - msPerPx).toBeLessThanOrEqual(endMs);
  });
});

describe("m4Request", () => {
  it("asks for the grid once known, keyed by its edges and columns", () => {
    const grid = { x0: 0.5, x1: 1000.25, columns: 640 };
    expect(m4Request(grid, 768)).toEqual({ m4: grid, key: "grid:0.5:1000.25:640" });
  });

  it("asks for width columns over the query's range before, keyed by the width", () => {
    expect(m4Request(undefined, 768)).toEqual({ m4: 768, key: "width:768" });
  });

  it("gives a new key exactly when the grid changes", () => {
    const plot = { leftPx: 48, widthPx: 900 };
    const key = (p: typeof plot) => m4Request(chartGrid(0, 3_600_000, p, 1), 1024).key;
    expect(key({ ...plot })).toBe(key(plot));
    expect(key({ leftPx: 48.0000001, widthPx: 900 })).not.toBe(key(plot));
    expect(key({ leftPx: 48, widthPx: 901 })).not.toBe(key(plot));
  });
});

describe("samePlotArea", () => {
  it("compares places within a millionth of a pixel", () => {
    expect(samePlotArea(undefined, undefined)).toBe(true);
    expect(samePlotArea({ leftPx: 1, widthPx: 2 }, undefined)).toBe(false);
    expect(samePlotArea({ leftPx: 1, widthPx: 2 }, { leftPx: 1 + 1e-9, widthPx: 2 })).toBe(true);
    expect(samePlotArea({ leftPx: 1, widthPx: 2 }, { leftPx: 1.5, widthPx: 2 })).toBe(false);
  });
});
