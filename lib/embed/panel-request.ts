import { ApiError } from "@/lib/http/errors";

/** Parameters a solo-panel query request may carry; anything else is refused before any work. */
const ALLOWED = new Set(["from", "to", "width", "timezone"]);
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
    if (!ALLOWED.has(key)) throw new ApiError(400, "bad_request", `unknown parameter ${JSON.stringify(key)} (allowed: from, to, width, timezone, var-<name>)`);
    if (value.length > 100) throw new ApiError(400, "bad_request", `parameter ${JSON.stringify(key)} is too long`);
    if (key === "width") {
      const w = Number(value);
      if (!Number.isFinite(w) || w <= 0) throw new ApiError(400, "bad_request", `width must be a positive number of pixels, got ${JSON.stringify(value)}`);
      out.widthPx = Math.min(MAX_WIDTH_PX, Math.max(1, Math.round(w)));
    } else if (key === "from" || key === "to" || key === "timezone") {
      out[key] = value;
    }
  }
  out.vars = Object.fromEntries(vars);
  return out;
}

/** A panel id from the URL: a positive integer, else 400. */
export function parsePanelIdParam(text: string | null | undefined): number {
  if (!text || !/^\d{1,9}$/.test(text)) throw new ApiError(400, "bad_request", `panel id must be a positive integer, got ${JSON.stringify(text ?? "")}`);
  return Number(text);
}
