import { describe, expect, it } from "vitest";
import { CLASSIC_PALETTE, cssColor, FALLBACK_COLOR, paletteColor, textColorOn } from "./colors";

describe("cssColor", () => {
  it.each<[string | undefined, string]>([
    ["green", "#73BF69"],
    ["red", "#F2495C"],
    ["semi-dark-red", "#E02F44"],
    ["dark-green", "#37872D"],
    ["super-light-blue", "#C0D8FF"],
    ["light-yellow", "#FFEE52"],
    ["Purple", "#B877D9"],
    ["#ff0000", "#ff0000"],
    ["#abc", "#abc"],
    ["white", "white"],
    ["transparent", "transparent"],
    ["red;background:url(x)", FALLBACK_COLOR],
    ["#12345", FALLBACK_COLOR],
    ["", FALLBACK_COLOR],
    [undefined, FALLBACK_COLOR],
  ])("%s is %s", (input, expected) => {
    expect(cssColor(input)).toBe(expected);
  });
});

describe("paletteColor", () => {
  it("cycles through Grafana's classic palette", () => {
    expect(paletteColor(0)).toBe("#7EB26D");
    expect(paletteColor(CLASSIC_PALETTE.length + 1)).toBe(CLASSIC_PALETTE[1]);
  });
});

describe("textColorOn", () => {
  it.each<[string, string]>([
    ["#ffffff", "#111827"],
    ["#FADE2A", "#111827"],
    ["#000000", "#ffffff"],
    ["#C4162A", "#ffffff"],
    ["red", "#ffffff"],
  ])("on %s use %s", (bg, expected) => {
    expect(textColorOn(bg)).toBe(expected);
  });
});
