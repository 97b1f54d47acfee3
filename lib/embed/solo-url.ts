/** What the solo page reads from its URL (Grafana's `/d-solo` parameters). */
export interface SoloPageParams {
  panelId: string | null;
  from?: string;
  to?: string;
  timezone?: string;
  theme: "light" | "dark" | null;
  refresh: string;
  vars: Record<string, string[]>;
  token?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Reads the solo page's search parameters; unknown ones are ignored. */
export function soloPageParams(sp: SearchParams): SoloPageParams {
  const vars: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(sp)) {
    if (!key.startsWith("var-") || value === undefined) continue;
    vars[key.slice(4)] = Array.isArray(value) ? value : [value];
  }
  const theme = first(sp.theme)?.toLowerCase();
  const out: SoloPageParams = { panelId: first(sp.panelId) ?? null, theme: theme === "light" || theme === "dark" ? theme : null, refresh: first(sp.refresh) ?? "", vars };
  for (const key of ["from", "to", "timezone", "token"] as const) {
    const v = first(sp[key]);
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
}

/** The page's chart: where it drew its x axis (CSS px) and the screen's device-pixel ratio (lib/charts/pixel-grid.ts). */
export interface SoloPlot {
  leftPx: number;
  widthPx: number;
  pixelRatio: number;
}

/**
 * The API path of the page's panel query (the token goes in a header, never in this URL); with the
 * chart's plot area, the server reduces the panel's lines with M4 over the chart's pixel columns.
 */
export function soloQueryPath(uid: string, p: Pick<SoloPageParams, "panelId" | "from" | "to" | "timezone" | "vars">, widthPx: number, plot?: SoloPlot): string {
  const q = new URLSearchParams();
  if (p.from) q.set("from", p.from);
  if (p.to) q.set("to", p.to);
  if (p.timezone) q.set("timezone", p.timezone);
  q.set("width", String(Math.max(1, Math.round(widthPx))));
  if (plot) {
    // String(number) round-trips exactly: the server's grid is the chart's, bit for bit.
    q.set("plot_left_px", String(plot.leftPx));
    q.set("plot_width_px", String(plot.widthPx));
    q.set("pixel_ratio", String(plot.pixelRatio));
  }
  for (const [name, values] of Object.entries(p.vars)) for (const v of values) q.append(`var-${name}`, v);
  return `/api/d-solo/${encodeURIComponent(uid)}/panels/${encodeURIComponent(p.panelId ?? "")}/query?${q}`;
}
