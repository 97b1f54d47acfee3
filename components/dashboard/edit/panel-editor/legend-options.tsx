"use client";

import { setLegend } from "@/lib/dashboards/edit";
import type { Dashboard, PanelOf } from "@/lib/dashboards/schema";
import { Select } from "@/components/ui/field";

export interface LegendOptionsProps {
  panel: PanelOf<"timeseries">;
  change: (change: (d: Dashboard) => Dashboard) => void;
}

type Legend = PanelOf<"timeseries">["options"]["legend"];
const CALCS: Legend["calcs"] = ["min", "max", "mean", "last", "total"];
const LABEL = "flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400";

/** A time series' legend: list, table or hidden; below or right; values shown per series. */
export function LegendOptions({ panel, change }: LegendOptionsProps) {
  const legend = panel.options.legend;
  const set = (patch: Partial<Legend>) => change((d) => setLegend(d, panel.id, patch));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold">Legend</legend>
      <div className="grid grid-cols-2 gap-2">
        <label className={LABEL}>
          Legend mode
          <Select value={legend.displayMode} onChange={(e) => set({ displayMode: e.target.value as Legend["displayMode"] })}>
            <option value="list">List</option>
            <option value="table">Table</option>
            <option value="hidden">Hidden</option>
          </Select>
        </label>
        <label className={LABEL}>
          Legend placement
          <Select value={legend.placement} onChange={(e) => set({ placement: e.target.value as Legend["placement"] })}>
            <option value="bottom">Bottom</option>
            <option value="right">Right</option>
          </Select>
        </label>
      </div>
      <div role="group" aria-label="Legend values" className="flex flex-wrap gap-3 text-sm">
        {CALCS.map((calc) => (
          <label key={calc} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={legend.calcs.includes(calc)}
              onChange={(e) => set({ calcs: e.target.checked ? CALCS.filter((c) => c === calc || legend.calcs.includes(c)) : legend.calcs.filter((c) => c !== calc) })}
            />
            {calc}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
