import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { parsePanelQueryParams } from "./panel-request";
import { soloQueryPath } from "./solo-url";

const parse = (query: string) => parsePanelQueryParams(new URLSearchParams(query));

function refusal(query: string): { status: number; message: string } {
  try {
    parse(query);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error(`accepted: ${query}`);
}

describe("parsePanelQueryParams: the chart's plot area", () => {
  it("reads what soloQueryPath sends, exactly", () => {
    const plot = { leftPx: 52.337890625, widthPx: 1171.662109375, pixelRatio: 1.25 };
    const path = soloQueryPath("u", { panelId: "2", vars: {} }, 1280, plot);
    expect(parse(path.slice(path.indexOf("?") + 1))).toEqual({ widthPx: 1280, vars: {}, plot });
  });

  it("has no plot area when none is sent", () => {
    expect(parse("width=640").plot).toBeUndefined();
  });

  it.each([
    ["plot_left_px=10&plot_width_px=500", "go together"],
    ["pixel_ratio=2", "go together"],
    ["plot_left_px=abc&plot_width_px=500&pixel_ratio=1", "plot_left_px must be a number"],
    ["plot_left_px=&plot_width_px=500&pixel_ratio=1", "plot_left_px must be a number"],
    ["plot_left_px=10&plot_width_px=0&pixel_ratio=1", "plot_width_px must be above 0"],
    ["plot_left_px=-1&plot_width_px=500&pixel_ratio=1", "plot_left_px must be between 0"],
    ["plot_left_px=10&plot_width_px=500&pixel_ratio=0", "pixel_ratio must be above 0"],
    ["plot_left_px=10&plot_width_px=500&pixel_ratio=Infinity", "pixel_ratio must be a number"],
    ["plot_left_px=10&plot_width_px=99999&pixel_ratio=1", "plot_width_px must be above 0 and at most 4000"],
  ])("refuses %s (400, naming it)", (query, message) => {
    const r = refusal(query);
    expect(r.status).toBe(400);
    expect(r.message).toContain(message);
  });

  it("still refuses unknown parameters and PromQL, naming the plot ones as allowed", () => {
    expect(refusal("grid_from_ms=1").message).toContain("plot_left_px");
    expect(refusal("query=up").status).toBe(400);
  });
});
