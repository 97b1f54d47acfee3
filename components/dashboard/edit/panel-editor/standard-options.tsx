"use client";

import { useState } from "react";
import { setFieldDefaults, type FieldDefaultsPatch } from "@/lib/dashboards/edit";
import { UNITS, type Dashboard, type Panel, type Unit } from "@/lib/dashboards/schema";
import { Select } from "@/components/ui/field";
import { CommitInput, parseOptionalNumber } from "./commit-input";

export interface StandardOptionsProps {
  panel: Panel;
  change: (change: (d: Dashboard) => Dashboard) => void;
}

const LABEL = "flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400";
type NumberKey = "decimals" | "min" | "max";

/** Unit, decimals, min and max of the panel's fields; a number that does not parse is named, not applied. */
export function StandardOptions({ panel, change }: StandardOptionsProps) {
  const defaults = panel.fieldConfig.defaults;
  const [errors, setErrors] = useState<Partial<Record<NumberKey, string>>>({});
  const set = (patch: FieldDefaultsPatch) => change((d) => setFieldDefaults(d, panel.id, patch));
  const commitNumber = (key: NumberKey) => (text: string) => {
    const parsed = parseOptionalNumber(text);
    const invalid = !parsed.ok || (key === "decimals" && parsed.value !== undefined && !(Number.isInteger(parsed.value) && parsed.value >= 0 && parsed.value <= 10));
    setErrors((e) => ({ ...e, [key]: invalid ? (key === "decimals" ? "a whole number from 0 to 10" : "must be a number") : undefined }));
    if (parsed.ok && !invalid) set({ [key]: parsed.value });
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold">Standard options</legend>
      <label className={LABEL}>
        Unit
        <Select value={defaults.unit} onChange={(e) => set({ unit: e.target.value as Unit })}>
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </Select>
      </label>
      <div className="grid grid-cols-3 gap-2">
        {(["decimals", "min", "max"] as const).map((key) => (
          <label key={key} className={LABEL}>
            {key === "decimals" ? "Decimals" : key === "min" ? "Min" : "Max"}
            <CommitInput value={defaults[key] === undefined ? "" : String(defaults[key])} onCommit={commitNumber(key)} placeholder="auto" inputMode="decimal" aria-invalid={Boolean(errors[key])} className="w-full" />
            {errors[key] && <span role="alert" className="text-red-600">{errors[key]}</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
