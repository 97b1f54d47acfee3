"use client";

import { setPanelOptions } from "@/lib/dashboards/edit";
import { REDUCERS, type Dashboard, type Panel, type PanelOf, type PanelType, type Reducer } from "@/lib/dashboards/schema";
import { Select } from "@/components/ui/field";

export interface TypeOptionsProps {
  panel: Panel;
  change: (change: (d: Dashboard) => Dashboard) => void;
}

const LABEL = "flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400";

type Choice<T extends string> = { label: string; value: T; choices: readonly T[]; onChange: (value: T) => void };

function ChoiceSelect<T extends string>({ label, value, choices, onChange }: Choice<T>) {
  return (
    <label className={LABEL}>
      {label}
      <Select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </Select>
    </label>
  );
}

/** The most used options of the panel's own type: style for time series, calculation for single values, markdown for text. */
export function TypeOptions({ panel, change }: TypeOptionsProps) {
  const set = <T extends PanelType>(type: T, patch: Partial<PanelOf<T>["options"]>) => change((d) => setPanelOptions(d, panel.id, type, patch));
  const reduce = (type: "stat" | "gauge" | "bargauge", value: Reducer) => <ChoiceSelect label="Calculation" value={value} choices={REDUCERS} onChange={(r) => set(type, { reduce: r })} />;
  switch (panel.type) {
    case "timeseries":
      return (
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="mb-1 text-sm font-semibold">Graph styles</legend>
          <ChoiceSelect label="Style" value={panel.options.drawStyle} choices={["line", "bars", "points"] as const} onChange={(drawStyle) => set("timeseries", { drawStyle })} />
          <ChoiceSelect label="Stack series" value={panel.options.stacking} choices={["none", "normal", "percent"] as const} onChange={(stacking) => set("timeseries", { stacking })} />
          <ChoiceSelect
            label="Show thresholds"
            value={panel.options.thresholdsStyle.mode}
            choices={["off", "line", "area", "line+area"] as const}
            onChange={(mode) => set("timeseries", { thresholdsStyle: { mode } })}
          />
          <label className={LABEL}>
            Fill opacity ({panel.options.fillOpacity})
            <input type="range" min={0} max={100} step={10} value={panel.options.fillOpacity} onChange={(e) => set("timeseries", { fillOpacity: Number(e.target.value) })} />
          </label>
        </fieldset>
      );
    case "stat":
      return (
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="mb-1 text-sm font-semibold">Stat styles</legend>
          {reduce("stat", panel.options.reduce)}
          <ChoiceSelect label="Color mode" value={panel.options.colorMode} choices={["value", "background", "none"] as const} onChange={(colorMode) => set("stat", { colorMode })} />
          <ChoiceSelect label="Graph mode" value={panel.options.graphMode} choices={["none", "area"] as const} onChange={(graphMode) => set("stat", { graphMode })} />
        </fieldset>
      );
    case "gauge":
    case "bargauge":
      return <fieldset className="grid grid-cols-2 gap-2">{reduce(panel.type, panel.options.reduce)}</fieldset>;
    case "text":
      return (
        <label className={LABEL}>
          Content (Markdown)
          <textarea
            rows={10}
            value={panel.options.content}
            onChange={(e) => set("text", { content: e.target.value })}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          />
        </label>
      );
    default:
      return null;
  }
}
