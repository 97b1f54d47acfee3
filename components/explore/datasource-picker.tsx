"use client";

import type { DatasourceInfo } from "@/lib/promql/types";
import { Field, Select } from "@/components/ui/field";

export interface DatasourcePickerProps {
  datasources: readonly DatasourceInfo[] | undefined;
  value: string | null;
  onChange: (id: string) => void;
  loading: boolean;
  error: Error | null;
}

export function DatasourcePicker({ datasources, value, onChange, loading, error }: DatasourcePickerProps) {
  return (
    <Field label="Datasource" error={error ? `Cannot load datasources: ${error.message}` : null}>
      {({ id, describedBy, invalid }) => (
        <Select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          value={value ?? ""}
          disabled={!datasources || datasources.length === 0}
          onChange={(event) => onChange(event.target.value)}
          className="min-w-48"
        >
          {loading ? <option value="">Loading…</option> : null}
          {datasources?.length === 0 ? <option value="">No datasources configured</option> : null}
          {datasources?.map((ds) => (
            <option key={ds.id} value={ds.id}>
              {ds.name}
              {ds.type === "thanos" ? " (Thanos)" : ""}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
