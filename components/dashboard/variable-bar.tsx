"use client";

import type { Variable } from "@/lib/dashboards/schema";
import { ALL_TEXT, ALL_VALUE, type VariableState } from "@/lib/dashboards/variables/types";

export interface VariableBarProps {
  variables: readonly Variable[];
  values: Readonly<Record<string, VariableState>>;
  errors: Readonly<Record<string, string>>;
  loading: boolean;
  onChange: (name: string, value: string[]) => void;
}

function selected(state: VariableState | undefined): string[] {
  if (!state) return [];
  return Array.isArray(state.value) ? state.value : [state.value];
}

/** One control per visible variable: a select (multi-select when `multi`), or a text box. */
export function VariableBar({ variables, values, errors, loading, onChange }: VariableBarProps) {
  const visible = variables.filter((v) => v.hide !== "variable");
  if (visible.length === 0) return null;
  return (
    <div className="flex flex-wrap items-end gap-3" aria-busy={loading}>
      {visible.map((v) => {
        const state = values[v.name];
        const id = `var-${v.name}`;
        const label = v.label ?? v.name;
        const error = errors[v.name];
        return (
          <div key={v.name} className="flex flex-col text-sm">
            {v.hide !== "label" && (
              <label htmlFor={id} className="text-xs text-slate-600 dark:text-slate-400">
                {label}
              </label>
            )}
            {v.type === "textbox" ? (
              <input
                id={id}
                aria-label={v.hide === "label" ? label : undefined}
                defaultValue={selected(state)[0] ?? v.query}
                onKeyDown={(e) => e.key === "Enter" && onChange(v.name, [e.currentTarget.value])}
                onBlur={(e) => onChange(v.name, [e.currentTarget.value])}
                className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
              />
            ) : v.type === "constant" ? null : (
              <select
                id={id}
                aria-label={v.hide === "label" ? label : undefined}
                multiple={"multi" in v && v.multi}
                value={"multi" in v && v.multi ? selected(state) : selected(state)[0] ?? ""}
                onChange={(e) => onChange(v.name, Array.from(e.currentTarget.selectedOptions, (o) => o.value))}
                className="min-w-32 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
                size={"multi" in v && v.multi ? Math.min(5, (state?.options.length ?? 0) + (v.includeAll ? 1 : 0)) || 1 : undefined}
              >
                {"includeAll" in v && v.includeAll && <option value={ALL_VALUE}>{ALL_TEXT}</option>}
                {state?.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.text}
                  </option>
                ))}
              </select>
            )}
            {error && (
              <span role="alert" className="max-w-64 text-xs text-red-700 dark:text-red-400">
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
