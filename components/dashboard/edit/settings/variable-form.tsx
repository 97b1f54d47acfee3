"use client";

import { variableOfType } from "@/lib/dashboards/edit";
import { variableNameSchema, type Variable, type VariableType } from "@/lib/dashboards/schema";
import type { DatasourceInfo } from "@/lib/promql/types";
import { Field, Select, TextInput } from "@/components/ui/field";
import { CommitInput } from "../panel-editor/commit-input";
import { SelectionOptions } from "./selection-options";

export interface VariableFormProps {
  variable: Variable;
  datasources: readonly DatasourceInfo[];
  onChange: (variable: Variable) => void;
}

const TYPES: Array<{ value: VariableType; label: string }> = [
  { value: "query", label: "Query" },
  { value: "custom", label: "Custom" },
  { value: "constant", label: "Constant" },
  { value: "textbox", label: "Text box" },
  { value: "interval", label: "Interval" },
  { value: "datasource", label: "Datasource" },
];

const QUERY_LABEL: Record<VariableType, string> = {
  query: "Query",
  custom: "Values separated by comma",
  constant: "Value",
  textbox: "Default value",
  interval: "Intervals",
  datasource: "Datasource type",
};

/** One variable's definition; the fields follow its type. */
export function VariableForm({ variable: v, datasources, onChange }: VariableFormProps) {
  const nameError = variableNameSchema.safeParse(v.name).error?.issues[0]?.message ?? null;
  const set = (patch: Partial<Variable>) => onChange({ ...v, ...patch } as Variable);
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <Field label="Name" error={nameError}>
        {(c) => <TextInput id={c.id} aria-describedby={c.describedBy} aria-invalid={c.invalid} value={v.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label="Variable type">
        {(c) => (
          <Select id={c.id} value={v.type} onChange={(e) => onChange(variableOfType(e.target.value as VariableType, v))}>
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Label">{(c) => <TextInput id={c.id} value={v.label ?? ""} onChange={(e) => set({ label: e.target.value || undefined })} />}</Field>
      <Field label="Hide">
        {(c) => (
          <Select id={c.id} value={v.hide} onChange={(e) => set({ hide: e.target.value as Variable["hide"] })}>
            <option value="none">Nothing</option>
            <option value="label">Label</option>
            <option value="variable">Variable</option>
          </Select>
        )}
      </Field>
      {v.type === "query" && (
        <Field label="Datasource">
          {(c) => (
            <Select id={c.id} value={v.datasource ?? ""} onChange={(e) => set({ datasource: e.target.value || undefined })}>
              <option value="">Default</option>
              {datasources.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {v.type === "datasource" ? (
        <Field label={QUERY_LABEL.datasource}>
          {(c) => (
            <Select id={c.id} value={v.query} onChange={(e) => set({ query: e.target.value as typeof v.query })}>
              <option value="">Any</option>
              <option value="prometheus">Prometheus</option>
              <option value="thanos">Thanos</option>
            </Select>
          )}
        </Field>
      ) : (
        <Field label={QUERY_LABEL[v.type]} className="md:col-span-2" hint={v.type === "query" ? "label_values(metric, label), label_names(), metrics(regex) or query_result(expr)" : undefined}>
          {(c) => <CommitInput id={c.id} aria-describedby={c.describedBy} value={v.query} onCommit={(query) => set({ query })} className="w-full font-mono" />}
        </Field>
      )}
      {(v.type === "query" || v.type === "datasource") && (
        <Field label="Regex" hint="Filters values; a capture group rewrites them">
          {(c) => <CommitInput id={c.id} aria-describedby={c.describedBy} value={v.regex} onCommit={(regex) => set({ regex })} className="font-mono" />}
        </Field>
      )}
      {v.type === "query" && (
        <Field label="Sort">
          {(c) => (
            <Select id={c.id} value={v.sort} onChange={(e) => set({ sort: e.target.value as typeof v.sort })}>
              {(["none", "alpha-asc", "alpha-desc", "num-asc", "num-desc", "alpha-ci-asc", "alpha-ci-desc"] as const).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {v.type === "query" && (
        <Field label="Refresh">
          {(c) => (
            <Select id={c.id} value={v.refresh} onChange={(e) => set({ refresh: e.target.value as typeof v.refresh })}>
              <option value="load">On dashboard load</option>
              <option value="time">On time range change</option>
            </Select>
          )}
        </Field>
      )}
      {(v.type === "query" || v.type === "custom" || v.type === "datasource") && <SelectionOptions variable={v} onChange={onChange} />}
    </div>
  );
}
