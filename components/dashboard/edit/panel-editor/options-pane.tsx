"use client";

import { changePanelType, setPanelText } from "@/lib/dashboards/edit";
import type { Dashboard, Panel, PanelType } from "@/lib/dashboards/schema";
import { PANEL_CATALOG, PICKABLE_PANEL_TYPES } from "@/components/panels/catalog";
import { Field, Select, TextInput } from "@/components/ui/field";
import { LegendOptions } from "./legend-options";
import { StandardOptions } from "./standard-options";
import { ThresholdsEditor } from "./thresholds-editor";
import { TypeOptions } from "./type-options";

export interface OptionsPaneProps {
  panel: Panel;
  change: (change: (d: Dashboard) => Dashboard) => void;
}

/** The panel's settings: type (targets kept), title, description, standard options, thresholds, legend. */
export function OptionsPane({ panel, change }: OptionsPaneProps) {
  return (
    <section aria-label="Panel options" className="space-y-4">
      <Field label="Visualization">
        {(c) => (
          <Select id={c.id} value={panel.type} onChange={(e) => change((d) => changePanelType(d, panel.id, e.target.value as PanelType, PANEL_CATALOG[e.target.value as PanelType].defaults))}>
            {[...PICKABLE_PANEL_TYPES, ...(panel.type === "unsupported" ? [panel.type] : [])].map((type) => (
              <option key={type} value={type}>
                {PANEL_CATALOG[type].name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Title">{(c) => <TextInput id={c.id} value={panel.title} maxLength={200} onChange={(e) => change((d) => setPanelText(d, panel.id, { title: e.target.value }))} />}</Field>
      <Field label="Description">
        {(c) => (
          <textarea
            id={c.id}
            value={panel.description}
            rows={3}
            onChange={(e) => change((d) => setPanelText(d, panel.id, { description: e.target.value }))}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
        )}
      </Field>
      <TypeOptions panel={panel} change={change} />
      {panel.type === "timeseries" && <LegendOptions panel={panel} change={change} />}
      {panel.type !== "text" && <StandardOptions panel={panel} change={change} />}
      {panel.type !== "text" && <ThresholdsEditor panel={panel} change={change} />}
    </section>
  );
}
