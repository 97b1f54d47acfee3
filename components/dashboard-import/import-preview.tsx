"use client";

import { useMemo } from "react";
import type { ImportResponse } from "@/lib/dashboards/import-client";
import { summarizeDashboard, uidProblem } from "@/lib/dashboards/import-preview";
import type { DatasourceInfo } from "@/lib/promql/types";
import { Field, Select, TextInput } from "@/components/ui/field";
import { ReportTable } from "./report-table";

export interface ImportPreviewProps {
  result: ImportResponse;
  datasources: readonly DatasourceInfo[];
  mapping: Record<string, string>;
  onMappingChange: (key: string, datasourceId: string) => void;
  identity: { uid: string; title: string };
  onIdentityChange: (identity: { uid: string; title: string }) => void;
  /** True while a new mapping is being converted. */
  updating: boolean;
}

const PANEL_TYPE_NAMES: Record<string, string> = {
  timeseries: "Time series",
  stat: "Stat",
  gauge: "Gauge",
  bargauge: "Bar gauge",
  table: "Table",
  heatmap: "Heatmap",
  text: "Text",
  "knative-concurrency": "Knative concurrency",
  unsupported: "Unsupported",
};

/** Datasource mapping, the converted dashboard (uid, title, panels, variables) and the import report. */
export function ImportPreview({ result, datasources, mapping, onMappingChange, identity, onIdentityChange, updating }: ImportPreviewProps) {
  const summary = useMemo(() => summarizeDashboard(result.dashboard), [result.dashboard]);
  const unsupported = summary.panels.filter((p) => p.type === "unsupported").length;
  const uidError = uidProblem(identity.uid.trim());
  const fallback = (datasources.find((d) => d.default) ?? datasources[0])?.id ?? "";
  return (
    <div className="space-y-6" aria-busy={updating}>
      {result.datasourceRefs.length > 0 && (
        <section aria-labelledby="import-ds-heading" className="space-y-2">
          <h2 id="import-ds-heading" className="text-base font-semibold">
            Datasources
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">Each datasource the Grafana dashboard refers to becomes one of Orrery&apos;s.</p>
          <table className="text-sm">
            <tbody>
              {result.datasourceRefs.map((ref) => (
                <tr key={ref.key}>
                  <td className="py-1 pr-3 font-mono text-xs">{ref.label}</td>
                  <td className="py-1 pr-3 text-xs text-slate-500">used {ref.usedBy}×</td>
                  <td className="py-1">
                    <Select aria-label={`Orrery datasource for ${ref.label}`} value={mapping[ref.key] ?? fallback} onChange={(e) => onMappingChange(ref.key, e.target.value)}>
                      {datasources.map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.name}
                          {d.default ? " (default)" : ""}
                        </option>
                      ))}
                    </Select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="import-dashboard-heading" className="space-y-3">
        <h2 id="import-dashboard-heading" className="text-base font-semibold">
          Dashboard
        </h2>
        <div className="flex flex-wrap gap-3">
          <Field label="Title" className="w-96">
            {(c) => <TextInput id={c.id} value={identity.title} onChange={(e) => onIdentityChange({ ...identity, title: e.target.value })} />}
          </Field>
          <Field label="UID" error={uidError} hint="Orrery keeps the Grafana uid, so links of the form /d/<uid> keep working." className="w-80">
            {(c) => (
              <TextInput id={c.id} aria-invalid={c.invalid} aria-describedby={c.describedBy} value={identity.uid} onChange={(e) => onIdentityChange({ ...identity, uid: e.target.value })} />
            )}
          </Field>
        </div>
        <p className="text-xs text-slate-500">Orrery has no folders; the Grafana tags ({result.dashboard.tags.join(", ") || "none"}) are kept.</p>
        <p className="text-sm" aria-label="Conversion summary">
          {summary.panels.length} panels{summary.rows > 0 ? ` in ${summary.rows} rows` : ""}, {summary.variables.length} variables
          {unsupported > 0 ? `; ${unsupported} shown as "unsupported" placeholders` : ""}.
        </p>
        <div className="grid gap-4 md:grid-cols-2">
          <table aria-label="Converted panels" className="text-left text-sm">
            <thead className="text-xs text-slate-600 dark:text-slate-400">
              <tr>
                <th className="pr-2">Panel</th>
                <th className="pr-2">Type</th>
                <th>Row</th>
              </tr>
            </thead>
            <tbody>
              {summary.panels.map((p) => (
                <tr key={p.id}>
                  <td className="pr-2">{p.title || "(untitled)"}</td>
                  <td className="pr-2">{p.grafanaType ? `Unsupported (${p.grafanaType})` : (PANEL_TYPE_NAMES[p.type] ?? p.type)}</td>
                  <td className="text-slate-500">{p.row ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table aria-label="Converted variables" className="self-start text-left text-sm">
            <thead className="text-xs text-slate-600 dark:text-slate-400">
              <tr>
                <th className="pr-2">Variable</th>
                <th>Type</th>
              </tr>
            </thead>
            <tbody>
              {summary.variables.map((v) => (
                <tr key={v.name}>
                  <td className="pr-2 font-mono text-xs">${v.name}</td>
                  <td>{v.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <ReportTable report={result.report} />
    </div>
  );
}
