"use client";

import { addTarget, removeTarget, setPanelDatasource, updateTarget } from "@/lib/dashboards/edit";
import { resolvePanelDatasource } from "@/lib/dashboards/panel-queries";
import type { Dashboard, Panel } from "@/lib/dashboards/schema";
import type { VariableScope } from "@/lib/dashboards/variables/types";
import { datasourceBaseUrl } from "@/lib/promql/api";
import type { DatasourceInfo } from "@/lib/promql/types";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { QueryRow } from "./query-row";

export interface QueriesEditorProps {
  panel: Panel;
  datasources: readonly DatasourceInfo[];
  scope: VariableScope;
  change: (change: (d: Dashboard) => Dashboard) => void;
}

/** The panel's datasource and its targets: add, edit, remove. */
export function QueriesEditor({ panel, datasources, scope, change }: QueriesEditorProps) {
  const resolved = resolvePanelDatasource(panel.datasource, scope, datasources);
  const apiBaseUrl = typeof resolved === "string" ? null : datasourceBaseUrl(resolved.id);
  const fallback = datasources.find((d) => d.default) ?? datasources[0];
  return (
    <section aria-label="Queries" className="space-y-2">
      <Field label="Datasource" error={typeof resolved === "string" ? resolved : null}>
        {(c) => (
          <Select id={c.id} aria-describedby={c.describedBy} value={panel.datasource ?? ""} onChange={(e) => change((d) => setPanelDatasource(d, panel.id, e.target.value || undefined))} className="w-72">
            <option value="">Default{fallback ? ` (${fallback.name})` : ""}</option>
            {datasources.map((ds) => (
              <option key={ds.id} value={ds.id}>
                {ds.name}
              </option>
            ))}
            {panel.datasource && !datasources.some((d) => d.id === panel.datasource) && <option value={panel.datasource}>{panel.datasource}</option>}
          </Select>
        )}
      </Field>
      {panel.targets.map((target) => (
        <QueryRow
          key={target.refId}
          target={target}
          apiBaseUrl={apiBaseUrl}
          onChange={(patch) => change((d) => updateTarget(d, panel.id, target.refId, patch))}
          onRemove={() => change((d) => removeTarget(d, panel.id, target.refId))}
        />
      ))}
      <Button onClick={() => change((d) => addTarget(d, panel.id))} disabled={panel.targets.length >= 26}>
        Add query
      </Button>
    </section>
  );
}
