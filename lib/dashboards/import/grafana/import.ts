import { dashboardSchema } from "@/lib/dashboards/schema";
import type { ImportOptions, ImportResult } from "./index";
import { ImportError } from "./report";

/**
 * Converts a Grafana dashboard (any schemaVersion from 14, the `{dashboard, meta}` API wrapper,
 * "export for sharing" with `__inputs`) to an Orrery dashboard plus a report of what was not
 * carried over. Throws ImportError when the input is not a Grafana dashboard.
 */
export function importGrafanaDashboard(input: unknown, options: ImportOptions): ImportResult {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ImportError("expected a Grafana dashboard JSON object");
  }
  void options;
  // Work in progress: panels, variables and datasource mapping follow in the next commits.
  const dashboard = dashboardSchema.parse({ schemaVersion: 1, uid: "imported", title: "Imported dashboard" });
  return { dashboard, report: [], datasourceRefs: [] };
}
