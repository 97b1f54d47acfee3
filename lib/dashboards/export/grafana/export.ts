import type { Dashboard } from "@/lib/dashboards/schema";
import type { ExportOptions, GrafanaDashboardJson } from "./index";

/** Grafana's current dashboard schemaVersion (Grafana 12). */
export const GRAFANA_SCHEMA_VERSION = 41;

/** Converts an Orrery dashboard to Grafana's classic dashboard JSON. */
export function exportGrafanaDashboard(dashboard: Dashboard, options: ExportOptions): GrafanaDashboardJson {
  void options;
  // Work in progress: panels and variables follow in the next commits.
  return { uid: dashboard.uid, title: dashboard.title, schemaVersion: GRAFANA_SCHEMA_VERSION, panels: [], templating: { list: [] } };
}
