import type { Dashboard, DashboardPanel } from "@/lib/dashboards/schema";
import type { RawTimeRange } from "@/lib/time/range";
import { intervalToMs } from "@/lib/time/grafana-duration";
import { formatUrlTime, parseUrlTime } from "@/lib/time/url-time";
import { isValidTimeZone } from "@/lib/time/zone";
import { MIN_REFRESH_INTERVAL, pickRefresh, resolveDashboardTimeRange, type RefreshChoice } from "./time";
import { ALL_TEXT, ALL_VALUE } from "./variables/types";

/** The view of a dashboard that lives in its URL (`/d/<uid>/<slug>?...`), in Grafana's names. */
export interface DashboardUrlState {
  /** `from` / `to`: relative as written (`now-6h`), absolute as ISO 8601 UTC. */
  time: RawTimeRange;
  /** `timezone`: "browser", "utc" or an IANA name. */
  timezone: string;
  /** `var-<name>`, repeated for several values; All is `["$__all"]`. Only variables set in the URL. */
  variables: Record<string, string[]>;
  /** `refresh`; "" is off. */
  refresh: RefreshChoice;
  viewPanel: number | null;
  editPanel: number | null;
  kiosk: boolean;
  /** `theme`: Grafana's per-link theme (for embeds); null follows the viewer's own choice. */
  theme: UrlTheme | null;
}

export const URL_THEMES = ["light", "dark"] as const;
export type UrlTheme = (typeof URL_THEMES)[number];

/** What decoding and encoding need from the dashboard. */
export type UrlStateDashboard = Pick<Dashboard, "time" | "timezone" | "refresh" | "templating" | "panels">;

const MAX_VALUES = 1_000;
const MAX_VALUE_LENGTH = 10_000;

/** The dashboard's own view: its saved time range, zone and refresh, nothing else set. */
export function defaultDashboardUrlState(dashboard: UrlStateDashboard): DashboardUrlState {
  const time = { from: formatUrlTime(dashboard.time.from, dashboard.timezone), to: formatUrlTime(dashboard.time.to, dashboard.timezone) };
  return { time, timezone: dashboard.timezone, variables: {}, refresh: dashboard.refresh, viewPanel: null, editPanel: null, kiosk: false, theme: null };
}

function panelIds(panels: readonly DashboardPanel[]): Set<number> {
  return new Set(panels.flatMap((p) => (p.type === "row" ? [p.id, ...p.panels.map((c) => c.id)] : [p.id])));
}

// Grafana's `time` + `time.window` (ms or a duration) centre a window on a moment.
function timeWindow(params: URLSearchParams): RawTimeRange | null {
  const time = params.get("time");
  const window = params.get("time.window");
  if (time === null || window === null || !/^\d+$/.test(time)) return null;
  const windowMs = /^\d+$/.test(window) ? Number(window) : intervalToMs(window);
  if (!windowMs) return null;
  const at = Number(time);
  return { from: new Date(at - windowMs / 2).toISOString(), to: new Date(at + windowMs / 2).toISOString() };
}

function decodeTime(params: URLSearchParams, defaults: RawTimeRange, notices: string[], nowMs?: number): RawTimeRange {
  const window = params.has("from") || params.has("to") ? null : timeWindow(params);
  if (window) return window;
  const pick = (key: "from" | "to") => {
    const raw = params.get(key);
    if (raw === null) return defaults[key];
    const parsed = parseUrlTime(raw);
    if (parsed === null) notices.push(`Ignored ${key}=${JSON.stringify(raw)}: not a valid time`);
    return parsed ?? defaults[key];
  };
  const time = { from: pick("from"), to: pick("to") };
  const check = resolveDashboardTimeRange(time, nowMs ?? 0, { timezone: "utc" });
  // Without a clock only absolute ranges can be checked for order.
  if (!check.ok && (nowMs !== undefined || !(time.from + time.to).includes("now"))) {
    notices.push(`Ignored from=${JSON.stringify(time.from)} to=${JSON.stringify(time.to)}: ${check.error}`);
    return defaults;
  }
  return time;
}

function decodeVariables(params: URLSearchParams, dashboard: UrlStateDashboard, notices: string[]): Record<string, string[]> {
  const variables: Record<string, string[]> = {};
  const keys = [...new Set([...params.keys()].filter((k) => k.startsWith("var-")))];
  for (const key of keys) {
    const name = key.slice(4);
    const variable = dashboard.templating.list.find((v) => v.name === name);
    let values = params.getAll(key);
    if (!variable) {
      notices.push(`Ignored ${key}: the dashboard has no variable "${name}"`);
      continue;
    }
    if (variable.type === "constant") {
      notices.push(`Ignored ${key}: "${name}" is a constant`);
      continue;
    }
    if (values.length > MAX_VALUES || values.some((v) => v.length > MAX_VALUE_LENGTH)) {
      notices.push(`Ignored ${key}: too many or too long values`);
      continue;
    }
    const multi = "multi" in variable && variable.multi;
    if (!multi && values.length > 1) {
      notices.push(`Ignored all but the first value of ${key}: "${name}" takes one value`);
      values = values.slice(0, 1);
    }
    // Grafana accepts the text "All" from old links, and the custom All value itself.
    if ("includeAll" in variable && variable.includeAll && (values[0] === ALL_TEXT || (variable.allValue && values[0] === variable.allValue))) {
      values = [ALL_VALUE];
    }
    variables[name] = values;
  }
  return variables;
}

function decodePanel(params: URLSearchParams, key: "viewPanel" | "editPanel", ids: Set<number>, notices: string[]): number | null {
  const raw = params.get(key);
  if (raw === null || raw === "") return null;
  const match = /^(?:panel-)?(\d{1,9})$/.exec(raw);
  const id = match ? Number(match[1]) : null;
  if (id !== null && ids.has(id)) return id;
  notices.push(`Ignored ${key}=${JSON.stringify(raw)}: no panel with that id on this dashboard`);
  return null;
}

function decodeRefresh(params: URLSearchParams, fallback: RefreshChoice, minRefresh: string, notices: string[]): RefreshChoice {
  const raw = params.get("refresh");
  // The dashboard's own refresh obeys the server's minimum too (Grafana raises it on load).
  const pick = pickRefresh(raw ?? fallback, minRefresh);
  const what = raw === null ? `the dashboard's refresh ${JSON.stringify(fallback)}` : `refresh=${JSON.stringify(raw)}`;
  if (pick.refresh === null) {
    notices.push(`Ignored ${what}: not a refresh interval`);
    return pickRefresh(fallback, minRefresh).refresh ?? "";
  }
  if (pick.adjusted) {
    const shown = pick.refresh === "" ? "off" : `"${pick.refresh}"`;
    const why = pick.reason === "below-minimum" ? `the minimum refresh interval is ${minRefresh}` : "not an allowed refresh interval";
    notices.push(`Changed ${what} to ${shown}: ${why}`);
  }
  return pick.refresh;
}

function decodeTheme(params: URLSearchParams, notices: string[]): UrlTheme | null {
  const raw = params.get("theme");
  if (raw === null || raw === "") return null;
  const theme = URL_THEMES.find((t) => t === raw.toLowerCase());
  if (!theme) notices.push(`Ignored theme=${JSON.stringify(raw)}: must be "light" or "dark"`);
  return theme ?? null;
}

/**
 * Reads the dashboard view from a query string. Every missing or invalid value falls back to the
 * dashboard's default, and each invalid one adds a notice for the user. With `nowMs`, a relative
 * range that is empty ("from" after "to") is refused too. A refresh below `minRefresh` (the
 * server's `dashboards.minRefreshInterval`, default 5s) is raised to the shortest allowed choice.
 */
export function decodeDashboardUrlState(
  search: string | URLSearchParams,
  dashboard: UrlStateDashboard,
  options: { nowMs?: number; minRefresh?: string } = {},
): { state: DashboardUrlState; notices: string[] } {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const defaults = defaultDashboardUrlState(dashboard);
  const notices: string[] = [];
  const zoneKey = params.has("timezone") ? "timezone" : "tz";
  const zone = params.get(zoneKey);
  if (zone !== null && !isValidTimeZone(zone)) notices.push(`Ignored ${zoneKey}=${JSON.stringify(zone)}: not a time zone`);
  const kiosk = params.get("kiosk");
  const ids = panelIds(dashboard.panels);
  const state: DashboardUrlState = {
    time: decodeTime(params, defaults.time, notices, options.nowMs),
    timezone: zone !== null && isValidTimeZone(zone) ? zone : defaults.timezone,
    variables: decodeVariables(params, dashboard, notices),
    refresh: decodeRefresh(params, defaults.refresh, options.minRefresh ?? MIN_REFRESH_INTERVAL, notices),
    viewPanel: decodePanel(params, "viewPanel", ids, notices),
    editPanel: decodePanel(params, "editPanel", ids, notices),
    kiosk: kiosk !== null && !["false", "0", "off"].includes(kiosk),
    theme: decodeTheme(params, notices),
  };
  return { state, notices };
}

/**
 * Writes the view as Grafana does: `from` and `to` always (absolute times as ISO 8601 UTC), each
 * set variable as repeated `var-<name>`, and `timezone` / `refresh` only when they differ from
 * the dashboard's own, so a plain link follows later changes to those defaults.
 */
export function encodeDashboardUrlState(state: DashboardUrlState, dashboard: UrlStateDashboard): URLSearchParams {
  const params = new URLSearchParams();
  params.set("from", formatUrlTime(state.time.from, state.timezone));
  params.set("to", formatUrlTime(state.time.to, state.timezone));
  if (state.timezone !== dashboard.timezone) params.set("timezone", state.timezone);
  for (const variable of dashboard.templating.list) {
    for (const value of state.variables[variable.name] ?? []) params.append(`var-${variable.name}`, value);
  }
  if (state.refresh !== dashboard.refresh) params.set("refresh", state.refresh);
  if (state.viewPanel !== null) params.set("viewPanel", String(state.viewPanel));
  if (state.editPanel !== null) params.set("editPanel", String(state.editPanel));
  if (state.kiosk) params.set("kiosk", "");
  if (state.theme !== null) params.set("theme", state.theme);
  return params;
}

// From Grafana's Go slugify (pkg/infra/slugify): these are dropped, a few are spelled out.
const OMIT = new Set([",", '"', "'", "\n", "\r", "\0", "?", ".", "(", ")"]);
const SPELLED: Record<string, string> = { " ": "-", "&": "and", "@": "at", "ß": "ss", "æ": "ae", "œ": "oe", "ü": "ue", "™": "tm" };

/**
 * Grafana's dashboard slug: lower case; space to "-"; `& @` spelled out; accents dropped;
 * punctuation such as `, . ? ( ) '` removed; other characters as their UTF-8 bytes in hex.
 * Grafana turns an empty or over-50-byte slug into a UUID; we cut at 50 instead, or use
 * "dashboard" (the slug is cosmetic: `/d/<uid>` finds the dashboard).
 */
/** Where the page is: a pathname and its query string (with or without the leading `?`). */
export interface UrlLocation {
  pathname: string;
  search: string;
}

/**
 * Whether the address bar has moved on from the URL a render was computed from. View changes use a
 * synchronous `history.pushState` whose render comes later, so a replace computed in between (the
 * page canonicalising the URL it rendered) would undo the user's change. Query strings compare
 * after normalising (`$` and `%24`, `+` and `%20` are the same URL).
 */
export function addressMovedOn(rendered: UrlLocation, live: UrlLocation): boolean {
  const norm = (search: string) => new URLSearchParams(search).toString();
  return rendered.pathname !== live.pathname || norm(rendered.search) !== norm(live.search);
}

export function slugify(title: string): string {
  let out = "";
  for (const ch of title.trim().toLowerCase()) {
    const spelled = SPELLED[ch];
    if (spelled !== undefined) out += spelled;
    else if (/[a-z0-9_-]/.test(ch)) out += ch;
    else if (OMIT.has(ch)) continue;
    else {
      const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += /^[a-z0-9]+$/.test(base) ? base : [...new TextEncoder().encode(ch)].map((b) => b.toString(16)).join("");
    }
  }
  return out.slice(0, 50).replace(/-+$/, "") || "dashboard";
}
