import type { PixelGrid } from "@/lib/charts/pixel-grid";
import { BINARY_FORMAT_VALUE } from "@/lib/promql/frames/binary-format";
import { FRAMES_FORMAT_PARAM, FRAMES_GRID_FROM_PARAM, FRAMES_GRID_TO_PARAM, FRAMES_WIDTH_PARAM } from "@/lib/promql/frames/schema";
import type { InstantQueryParams, RangeQueryParams } from "@/lib/promql/types";

// The forms a panel's queries carry, in one place: the browser sends them (lib/promql/frames/client.ts,
// lib/promql/api.ts), and a dashboard's server render plans the same ones ahead of the page
// (lib/dashboards/early-queries.ts), which only helps when both are equal to the character.

/** Which frames body a range query asks for: binary (the default: fewer bytes) or JSON (readable, for debugging). */
export type FramesWireChoice = "binary" | "json";

/**
 * The form of a range query asking for frames; with `m4` the server reduces each series with M4:
 * a number is a pixel width over [start, end], a grid is the chart's own device-pixel columns (its
 * time edges sent too, so the server's buckets are the chart's).
 */
export function rangeFramesForm(params: RangeQueryParams, m4: number | PixelGrid | undefined, wire: FramesWireChoice): URLSearchParams {
  const form = new URLSearchParams({
    query: params.expr,
    start: String(params.startS),
    end: String(params.endS),
    step: String(params.stepS),
    [FRAMES_FORMAT_PARAM]: wire === "binary" ? BINARY_FORMAT_VALUE : "frames",
  });
  if (typeof m4 === "number" && m4 > 0) form.set(FRAMES_WIDTH_PARAM, String(Math.round(m4)));
  else if (typeof m4 === "object" && m4.columns > 0 && m4.x1 > m4.x0) {
    form.set(FRAMES_WIDTH_PARAM, String(m4.columns));
    // String(number) round-trips exactly: the server's bucket edges are the client's, bit for bit.
    form.set(FRAMES_GRID_FROM_PARAM, String(m4.x0));
    form.set(FRAMES_GRID_TO_PARAM, String(m4.x1));
  }
  return form;
}

/** The form of an instant query. */
export function instantForm(params: InstantQueryParams): Record<string, string> {
  return { query: params.expr, time: String(params.timeS) };
}

/**
 * The width to ask the server's M4 for: the panel's device pixels, rounded up to a multiple of 128
 * so small resizes keep the same query (and cache entry); the chart reduces exactly to its own width.
 */
export function framesWidthFor(cssWidthPx: number, devicePixelRatio = 1): number {
  const px = Math.max(1, Math.ceil(cssWidthPx * Math.max(1, devicePixelRatio)));
  return Math.ceil(px / 128) * 128;
}
