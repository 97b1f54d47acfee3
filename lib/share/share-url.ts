import type { AbsoluteTimeRange, RawTimeRange } from "@/lib/time/range";

/** Grafana's per-link theme; null follows the viewer's own choice. */
export type ShareTheme = "light" | "dark";

/**
 * Everything a share tab needs to describe the panel being looked at. Built by the dashboard page
 * (components/dashboard/dashboard-page.tsx) and handed to every tab of the share dialog.
 */
export interface ShareContext {
  dashboard: { uid: string; slug: string; version: number | null };
  panel: { id: number; title: string };
  /** The range as written (`now-6h`) and the absolute range being looked at (epoch ms). */
  time: { raw: RawTimeRange; absolute: AbsoluteTimeRange };
  /** Current values of the dashboard's variables (`var-x`, repeated for several values). */
  variables: Record<string, string[]>;
  /** The view's time zone; written only when it differs from `dashboardTimezone`. */
  timezone: string;
  dashboardTimezone: string;
  theme: ShareTheme | null;
}

export interface ShareLinkOptions {
  /** On: the absolute range being looked at (epoch ms); off: the range as written (moves with now). */
  lockTime: boolean;
}

/** The path and query of a link to one panel: `/d/<uid>/<slug>?viewPanel=<id>&from&to&var-*&timezone&theme`. */
export function buildPanelSharePath(ctx: ShareContext, options: ShareLinkOptions): string {
  const params = new URLSearchParams();
  params.set("viewPanel", String(ctx.panel.id));
  if (options.lockTime) {
    params.set("from", String(Math.floor(ctx.time.absolute.startMs)));
    params.set("to", String(Math.ceil(ctx.time.absolute.endMs)));
  } else {
    params.set("from", ctx.time.raw.from);
    params.set("to", ctx.time.raw.to);
  }
  if (ctx.timezone !== ctx.dashboardTimezone) params.set("timezone", ctx.timezone);
  for (const [name, values] of Object.entries(ctx.variables)) {
    for (const value of values) params.append(`var-${name}`, value);
  }
  if (ctx.theme) params.set("theme", ctx.theme);
  const slug = ctx.dashboard.slug ? `/${encodeURIComponent(ctx.dashboard.slug)}` : "";
  return `/d/${encodeURIComponent(ctx.dashboard.uid)}${slug}?${params.toString()}`;
}

/** The absolute link for `origin` (e.g. `window.location.origin`). */
export function buildPanelShareUrl(ctx: ShareContext, options: ShareLinkOptions, origin: string): string {
  return `${origin.replace(/\/+$/, "")}${buildPanelSharePath(ctx, options)}`;
}

/** What a panel link says, read back (the inverse of `buildPanelSharePath`, for tests and the short-link check). */
export interface ParsedPanelLink {
  uid: string;
  slug: string;
  panelId: number | null;
  from: string | null;
  to: string | null;
  timezone: string | null;
  theme: string | null;
  variables: Record<string, string[]>;
}

/** Reads a `/d/<uid>/<slug>?...` link (absolute or a path); null when it is not a dashboard link. */
export function parsePanelLink(link: string): ParsedPanelLink | null {
  let url: URL;
  try {
    url = new URL(link, "http://orrery.invalid");
  } catch {
    return null;
  }
  const m = /^\/d\/([^/]+)(?:\/([^/]*))?$/.exec(url.pathname);
  if (!m) return null;
  const variables: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) {
    if (key.startsWith("var-")) (variables[key.slice(4)] ??= []).push(value);
  }
  const panel = url.searchParams.get("viewPanel");
  return {
    uid: decodeURIComponent(m[1]!),
    slug: decodeURIComponent(m[2] ?? ""),
    panelId: panel !== null && /^\d{1,9}$/.test(panel) ? Number(panel) : null,
    from: url.searchParams.get("from"),
    to: url.searchParams.get("to"),
    timezone: url.searchParams.get("timezone"),
    theme: url.searchParams.get("theme"),
    variables,
  };
}
