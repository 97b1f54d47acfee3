"use client";

import { setThresholds } from "@/lib/dashboards/edit";
import type { Dashboard, Panel, Thresholds } from "@/lib/dashboards/schema";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { CommitInput } from "./commit-input";

export interface ThresholdsEditorProps {
  panel: Panel;
  change: (change: (d: Dashboard) => Dashboard) => void;
}

const COLOR_RE = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30})$/;

/** Threshold steps, highest first as in Grafana; the base step (−∞) cannot be removed. */
export function ThresholdsEditor({ panel, change }: ThresholdsEditorProps) {
  const thresholds = panel.fieldConfig.defaults.thresholds;
  const set = (next: Thresholds) => change((d) => setThresholds(d, panel.id, next));
  const setStep = (index: number, patch: Partial<Thresholds["steps"][number]>) => set({ ...thresholds, steps: thresholds.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const add = () => {
    const last = thresholds.steps[thresholds.steps.length - 1]?.value;
    set({ ...thresholds, steps: [...thresholds.steps, { value: last === null || last === undefined ? 80 : last + 10, color: "red" }] });
  };
  const indexed = thresholds.steps.map((step, index) => ({ step, index })).reverse();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold">Thresholds</legend>
      <ul aria-label="Threshold steps" className="space-y-1">
        {indexed.map(({ step, index }) => (
          <li key={index} className="flex items-center gap-2">
            <span aria-hidden="true" className="size-4 shrink-0 rounded-full border border-slate-300" style={{ background: COLOR_RE.test(step.color) ? step.color : "transparent" }} />
            <CommitInput aria-label={index === 0 ? "Base color" : `Color of step ${index}`} value={step.color} onCommit={(color) => COLOR_RE.test(color.trim()) && setStep(index, { color: color.trim() })} className="w-24" />
            {step.value === null ? (
              <span className="text-sm text-slate-500">Base</span>
            ) : (
              <>
                <CommitInput
                  aria-label={`Value of step ${index}`}
                  inputMode="decimal"
                  value={String(step.value)}
                  onCommit={(text) => text.trim() !== "" && Number.isFinite(Number(text)) && setStep(index, { value: Number(text) })}
                  className="w-24"
                />
                <Button size="sm" variant="ghost" aria-label={`Remove step ${index}`} onClick={() => set({ ...thresholds, steps: thresholds.steps.filter((_, i) => i !== index) })}>
                  ×
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-2">
        <Button size="sm" onClick={add}>
          Add threshold
        </Button>
        <Select aria-label="Threshold mode" value={thresholds.mode} onChange={(e) => set({ ...thresholds, mode: e.target.value as Thresholds["mode"] })} className="h-7">
          <option value="absolute">Absolute</option>
          <option value="percentage">Percentage</option>
        </Select>
      </div>
    </fieldset>
  );
}
