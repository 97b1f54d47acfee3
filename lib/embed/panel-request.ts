import { ApiError } from "@/lib/http/errors";

/**
 * Where the page's chart drew its x axis (CSS px) and the screen's device-pixel ratio: the server
 * reduces the panel's lines with M4 over the chart's own device-pixel columns of the range it
 * resolves (lib/charts/pixel-grid.ts, the grid the chart's M4 uses). All three or none.
 */
const PLOT_PARAMS = { plot_left_px: "leftPx", plot_width_px: "widthPx", pixel_ratio: "pixelRatio" } as const;
const MAX_PIXEL_RATIO = 16;

/** Parameters a solo-panel query request may carry; anything else is refused before any work. */
const ALLOWED = new Set(["from", "to", "width", "timezone", ...Object.keys(PLOT_PARAMS)]);

/** Parameters that would carry PromQL: refused by name, so the error says why. */
const PROMQL_PARAMS = new Set(["query", "expr", "match[]", "match"]);

/** Widest panel (CSS px) the step is planned for; with maxDataPoints = width this bounds the points. */
export const MAX_WIDTH_PX = 4000;
const DEFAULT_WIDTH_PX = 800;

export interface PanelQueryParams {
  from?: string;
  to?: string;
  widthPx: number;
  timezone?: string;
  /** The chart's plot area, when the page knows it (after its first draw). */
  plot?: { leftPx: number; widthPx: number; pixelRatio: number };
  /** `var-<name>` values, in URL order. */
  vars: Record<string, string[]>;
}

/**
 * Reads `?from&to&width&timezone&var-*` of a solo-panel query. The embed path runs only the
 * panel's stored queries: a `query`, `expr` or `match[]` parameter is refused (400), as is any
 * parameter not listed, so nothing a browser adds can reach the upstream.
 */
export function parsePanelQueryParams(search: URLSearchParams): PanelQueryParams {
  // A Map, then own properties: `var-__proto__` must stay a (refused) variable, not set a prototype.
  const vars = new Map<string, string[]>();
  const out: PanelQueryParams = { widthPx: DEFAULT_WIDTH_PX, vars: {} };
  const plot = new Map<string, number>();
  for (const [key, value] of search) {
    if (PROMQL_PARAMS.has(key.toLowerCase())) {
      throw new ApiError(400, "embed_query_not_allowed", `parameter ${JSON.stringify(key)} is not accepted: a panel runs only its stored queries`);
    }
    if (key.startsWith("var-")) {
      const name = key.slice(4);
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) throw new ApiError(400, "bad_request", `${JSON.stringify(key)} does not name a variable`);
      const values = vars.get(name) ?? [];
      values.push(value);
      vars.set(name, values);
      continue;
    }
    if (!ALLOWED.has(key)) throw new ApiError(400, "bad_request", `unknown parameter ${JSON.stringify(key)} (allowed: from, to, width, timezone, plot_left_px, plot_width_px, pixel_ratio, var-<name>)`);
    if (value.length > 100) throw new ApiError(400, "bad_request", `parameter ${JSON.stringify(key)} is too long`);
    if (key === "width") {
      const w = Number(value);
      if (!Number.isFinite(w) || w <= 0) throw new ApiError(400, "bad_request", `width must be a positive number of pixels, got ${JSON.stringify(value)}`);
      out.widthPx = Math.min(MAX_WIDTH_PX, Math.max(1, Math.round(w)));
    } else if (key === "from" || key === "to" || key === "timezone") {
      out[key] = value;
    } else if (Object.hasOwn(PLOT_PARAMS, key)) {
      const v = value.trim() === "" ? Number.NaN : Number(value);
      if (!Number.isFinite(v)) throw new ApiError(400, "bad_request", `${key} must be a number, got ${JSON.stringify(value)}`);
      plot.set(PLOT_PARAMS[key as keyof typeof PLOT_PARAMS], v);
    }
  }
  out.vars = Object.fromEntries(vars);
  if (plot.size > 0) out.plot = plotArea(plot);
  return out;
}

function plotArea(plot: Map<string, number>): NonNullable<PanelQueryParams["plot"]> {
  const [leftPx, widthPx, pixelRatio] = [plot.get("leftPx"), plot.get("widthPx"), plot.get("pixelRatio")];
  if (leftPx === undefined || widthPx === undefined || pixelRatio === undefined) {
    throw new ApiError(400, "bad_request", "plot_left_px, plot_width_px and pixel_ratio go together (the chart's plot area and the screen's pixel ratio)");
  }
  if (leftPx < 0 || leftPx > MAX_WIDTH_PX) throw new ApiError(400, "bad_request", `plot_left_px must be between 0 and ${MAX_WIDTH_PX}, got ${leftPx}`);
  if (!(widthPx > 0) || widthPx > MAX_WIDTH_PX) throw new ApiError(400, "bad_request", `plot_width_px must be above 0 and at most ${MAX_WIDTH_PX}, got ${widthPx}`);
  if (!(pixelRatio > 0) || pixelRatio > MAX_PIXEL_RATIO) throw new ApiError(400, "bad_request", `pixel_ratio must be above 0 and at most ${MAX_PIXEL_RATIO}, got ${pixelRatio}`);
  return { leftPx, widthPx, pixelRatio };
}

/** A panel id from the URL: a positive integer, else 400. */
export function parsePanelIdParam(text: string | null | undefined): number {
  if (!text || !/^\d{1,9}$/.test(text)) throw new ApiError(400, "bad_request", `panel id must be a positive integer, got ${JSON.stringify(text ?? "")}`);
  return Number(text);
}
