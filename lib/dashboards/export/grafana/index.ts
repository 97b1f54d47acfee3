// Orrery dashboard -> Grafana dashboard JSON (current schemaVersion). Pure.
import type { Dashboard } from "@/lib/dashboards/schema";

/** Grafana's classic dashboard JSON; only the fields Orrery writes are typed. */
export type GrafanaDashboardJson = Record<string, unknown> & {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Record<string, unknown>[];
  templating: { list: Record<string, unknown>[] };
};

export interface ExportOptions {
  /** Orrery datasources: ids become Grafana `{type: "prometheus", uid: <id>}` references. */
  datasources: { id: string; name: string; type: string }[];
}

export { exportGrafanaDashboard } from "./export";
export type { Dashboard };
