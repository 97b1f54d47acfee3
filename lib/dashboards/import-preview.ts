// Pure helpers of the Import page: what the preview lists, the datasource choices it starts from,
// and the uid/title the user may change before saving. No I/O; the browser and tests share them.
import { uidSchema, type Dashboard } from "./schema";

/** A panel as the preview lists it, in dashboard order (a row's panels after the row). */
export interface PanelSummary {
  id: number;
  title: string;
  /** Orrery's panel type; for a placeholder, `unsupported`. */
  type: string;
  /** For a placeholder: the Grafana type it stands for. */
  grafanaType?: string;
  /** The row it sits in, if any. */
  row?: string;
}

export interface VariableSummary {
  name: string;
  type: string;
  label?: string;
}

export interface DashboardSummary {
  panels: PanelSummary[];
  rows: number;
  variables: VariableSummary[];
}

/** Panels (rows flattened, collapsed or not) and variables of a converted dashboard, for the preview. */
export function summarizeDashboard(dashboard: Dashboard): DashboardSummary {
  const panels: PanelSummary[] = [];
  let rows = 0;
  let row: string | undefined;
  const add = (p: Dashboard["panels"][number] & { type: Exclude<Dashboard["panels"][number]["type"], "row"> }, inRow?: string) => {
    const grafanaType = p.type === "unsupported" ? p.options.grafanaType || "unknown" : undefined;
    panels.push({ id: p.id, title: p.title, type: p.type, ...(grafanaType ? { grafanaType } : {}), ...(inRow !== undefined ? { row: inRow } : {}) });
  };
  for (const p of dashboard.panels) {
    if (p.type === "row") {
      rows++;
      row = p.title || "(untitled row)";
      for (const child of p.panels) add(child, row);
    } else {
      add(p, row);
    }
  }
  const variables = dashboard.templating.list.map((v) => ({ name: v.name, type: v.type, ...(v.label ? { label: v.label } : {}) }));
  return { panels, rows, variables };
}

export interface DatasourceChoice {
  id: string;
  name: string;
}

/**
 * The Orrery datasource each Grafana reference starts with, for the references that do not simply
 * go to the default: one whose id or name equals the reference key. References left out go to the
 * default datasource (as the importer maps unmapped ones) without pinning it: a panel on Grafana's
 * default stays on Orrery's default, so an Orrery → Grafana → Orrery round trip stays lossless.
 */
export function initialDatasourceMap(refs: readonly { key: string }[], datasources: readonly (DatasourceChoice & { default?: boolean })[]): Record<string, string> {
  const fallback = (datasources.find((d) => d.default) ?? datasources[0])?.id;
  const out: Record<string, string> = {};
  for (const { key } of refs) {
    const match = datasources.find((d) => d.id === key || d.name === key)?.id;
    if (match !== undefined && match !== fallback) out[key] = match;
  }
  return out;
}

/** Why a uid typed into the preview cannot be saved, or null when it can. */
export function uidProblem(uid: string): string | null {
  const parsed = uidSchema.safeParse(uid);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "is not a valid uid");
}

/** The converted dashboard with the uid and title chosen in the preview (blank title keeps the converted one). */
export function withIdentity(dashboard: Dashboard, identity: { uid: string; title: string }): Dashboard {
  const title = identity.title.trim() || dashboard.title;
  return { ...dashboard, uid: identity.uid.trim(), title };
}
