"use client";

import type { Variable, VariableOf } from "@/lib/dashboards/schema";
import { Field } from "@/components/ui/field";
import { CommitInput } from "../panel-editor/commit-input";

type Selectable = VariableOf<"query"> | VariableOf<"custom"> | VariableOf<"datasource">;

export interface SelectionOptionsProps {
  variable: Selectable;
  onChange: (variable: Variable) => void;
}

/** Multi-value, "Include All" and the custom All value of a variable with choices. */
export function SelectionOptions({ variable: v, onChange }: SelectionOptionsProps) {
  return (
    <div className="flex flex-wrap items-end gap-4 md:col-span-2">
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={v.multi} onChange={(e) => onChange({ ...v, multi: e.target.checked })} />
        Multi-value
      </label>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={v.includeAll} onChange={(e) => onChange({ ...v, includeAll: e.target.checked })} />
        Include All option
      </label>
      {v.includeAll && (
        <Field label="Custom all value" hint="Default: every value as a regex alternation">
          {(c) => {
            const { allValue: _old, ...rest } = v;
            return <CommitInput id={c.id} aria-describedby={c.describedBy} value={v.allValue ?? ""} onCommit={(allValue) => onChange(allValue ? { ...rest, allValue } : rest)} className="font-mono" />;
          }}
        </Field>
      )}
    </div>
  );
}
