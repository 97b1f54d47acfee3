"use client";

import { useState } from "react";
import { addVariable, moveVariable, removeVariable, updateVariable } from "@/lib/dashboards/edit";
import type { Dashboard } from "@/lib/dashboards/schema";
import type { DatasourceInfo } from "@/lib/promql/types";
import { Button } from "@/components/ui/button";
import { VariableForm } from "./variable-form";
import { VariablePreview } from "./variable-preview";

export interface VariablesEditorProps {
  dashboard: Dashboard;
  change: (change: (d: Dashboard) => Dashboard) => void;
  /** For the preview of values; null while the datasources or time range are not known. */
  previewContext: { datasources: readonly DatasourceInfo[]; range: { startMs: number; endMs: number }; nowMs: number } | null;
}

/** The dashboard's variables: list, add, reorder, delete, and edit one with a preview of its values. */
export function VariablesEditor({ dashboard, change, previewContext }: VariablesEditorProps) {
  const list = dashboard.templating.list;
  const [selected, setSelected] = useState<number | null>(null);
  const current = selected === null ? undefined : list[selected];
  const add = () => {
    setSelected(list.length);
    change((d) => addVariable(d).dashboard);
  };
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-base font-semibold">Variables</legend>
      {list.length === 0 && <p className="text-sm text-slate-500">No variables yet. Variables make a dashboard interactive: $name in a query stands for the selected value.</p>}
      <table aria-label="Variables" className="w-full text-left text-sm">
        <tbody>
          {list.map((v, i) => (
            <tr key={i} className={`border-b border-slate-100 dark:border-slate-800 ${i === selected ? "bg-blue-50 dark:bg-blue-950/40" : ""}`}>
              <td className="py-1 font-mono">${v.name}</td>
              <td className="py-1 text-slate-500">{v.type}</td>
              <td className="max-w-md truncate py-1 font-mono text-xs text-slate-500">{"query" in v ? v.query : ""}</td>
              <td className="flex justify-end gap-1 py-1">
                <Button size="sm" variant="ghost" aria-label={`Edit variable ${v.name}`} onClick={() => setSelected(i === selected ? null : i)}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Move ${v.name} up`} disabled={i === 0} onClick={() => (change((d) => moveVariable(d, i, -1)), setSelected(i - 1))}>
                  ↑
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Move ${v.name} down`} disabled={i === list.length - 1} onClick={() => (change((d) => moveVariable(d, i, 1)), setSelected(i + 1))}>
                  ↓
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Delete variable ${v.name}`} onClick={() => (change((d) => removeVariable(d, i)), setSelected(null))}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button onClick={add}>Add variable</Button>
      {current && selected !== null && (
        <div role="group" aria-label={`Variable ${current.name}`} className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-800">
          <VariableForm variable={current} datasources={previewContext?.datasources ?? []} onChange={(v) => change((d) => updateVariable(d, selected, v))} />
          {previewContext && <VariablePreview uid={dashboard.uid} variables={list} name={current.name} {...previewContext} />}
        </div>
      )}
    </fieldset>
  );
}
