import type { Dashboard } from "../schema";
import { CURRENT_SCHEMA_VERSION } from "../schema/constants";

export type DashboardSettings = Pick<Dashboard, "title" | "description" | "tags" | "time" | "refresh" | "timezone" | "graphTooltip">;

/** Changes the dashboard's own settings; tags are trimmed and de-duplicated. */
export function updateSettings(dashboard: Dashboard, patch: Partial<DashboardSettings>): Dashboard {
  const tags = patch.tags ? [...new Set(patch.tags.map((t) => t.trim()).filter((t) => t !== ""))] : dashboard.tags;
  return { ...dashboard, ...patch, tags };
}

/** An empty dashboard, as `/dashboard/new` starts with. */
export function emptyDashboard(uid: string, title = "New dashboard"): Dashboard {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    uid,
    title,
    description: "",
    tags: [],
    time: { from: "now-6h", to: "now" },
    refresh: "",
    timezone: "browser",
    graphTooltip: "crosshair",
    templating: { list: [] },
    panels: [],
    links: [],
  };
}

/** The dashboard under a new uid and title, for "Save as copy". */
export function copyDashboard(dashboard: Dashboard, uid: string, title: string): Dashboard {
  return { ...structuredClone(dashboard), uid, title };
}
