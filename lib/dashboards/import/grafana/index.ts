// Grafana dashboard JSON <-> Orrery dashboard. Pure: no I/O, input is already-parsed JSON.
import type { Dashboard } from "@/lib/dashboards/schema";
import type { ImportReportEntry } from "./report";

export { ImportError, type ImportReportEntry } from "./report";

/** An Orrery datasource as the importer sees it (from lib/config). */
export interface ImportDatasource {
  id: string;
  name: string;
  type: string;
}

export interface ImportOptions {
  datasources: ImportDatasource[];
  /** Orrery id used for `null`/missing/"default" references and unmapped ones. */
  defaultDatasource: string;
  /** Grafana reference key (uid, name, "${DS_X}" input name, "default") -> Orrery datasource id. */
  datasourceMap?: Record<string, string>;
}

/** A distinct datasource reference found in the document, for the mapping UI. */
export interface DatasourceRefSummary {
  /** The key to use in `datasourceMap`. */
  key: string;
  /** Human-readable: type, uid or name, and the `__inputs` label when there is one. */
  label: string;
  /** How many panels, targets and variables use it. */
  usedBy: number;
}

export interface ImportResult {
  /** Valid per Orrery's dashboard schema (dashboardSchema.parse passes). */
  dashboard: Dashboard;
  report: ImportReportEntry[];
  datasourceRefs: DatasourceRefSummary[];
}

export type { GrafanaDashboardJson } from "../../export/grafana";
export { exportGrafanaDashboard, type ExportOptions } from "../../export/grafana";
export { importGrafanaDashboard } from "./import";
