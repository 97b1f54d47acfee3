import type { Dashboard, FieldDefaults, Panel, PanelOf, PanelType, Target, Thresholds } from "../schema";
import { nextRefId } from "./ids";
import { newPanel, updatePanel, type PanelTypeDefaults } from "./panels";

/** Sets the title and/or description of a panel. */
export function setPanelText(dashboard: Dashboard, id: number, text: { title?: string; description?: string }): Dashboard {
  return updatePanel(dashboard, id, (p) => ({ ...p, ...text }));
}

/** Sets a panel's datasource; undefined is the default datasource. */
export function setPanelDatasource(dashboard: Dashboard, id: number, datasource: string | undefined): Dashboard {
  return updatePanel(dashboard, id, (p) => {
    const { datasource: _old, ...rest } = p;
    return (datasource ? { ...rest, datasource } : rest) as Panel;
  });
}

/**
 * Changes a panel's type as Grafana does: the new type's options, and the field settings the user
 * made (unit, decimals, min/max, thresholds, overrides) kept, with the new type's colour mode.
 * Title, description, position, datasource, targets, links and repeat stay.
 */
export function changePanelType<T extends PanelType>(dashboard: Dashboard, id: number, type: T, defaults: PanelTypeDefaults<T>): Dashboard {
  return updatePanel(dashboard, id, (p) => {
    if (p.type === type) return p;
    const fresh = newPanel(type, p.id, p.gridPos, defaults);
    const { options: _o, type: _t, fieldConfig, ...kept } = p;
    return { ...fresh, ...kept, type, fieldConfig: { ...fieldConfig, defaults: { ...fieldConfig.defaults, color: fresh.fieldConfig.defaults.color } } } as Panel;
  });
}

/** Replaces a panel's options with `patch` merged in; ignored unless the panel is of `type`. */
export function setPanelOptions<T extends PanelType>(dashboard: Dashboard, id: number, type: T, patch: Partial<PanelOf<T>["options"]>): Dashboard {
  return updatePanel(dashboard, id, (p) => (p.type === type ? ({ ...p, options: { ...p.options, ...patch } } as Panel) : p));
}

type TimeSeriesLegend = PanelOf<"timeseries">["options"]["legend"];

/** Sets legend options of a time series panel. */
export function setLegend(dashboard: Dashboard, id: number, patch: Partial<TimeSeriesLegend>): Dashboard {
  return updatePanel(dashboard, id, (p) => (p.type === "timeseries" ? { ...p, options: { ...p.options, legend: { ...p.options.legend, ...patch } } } : p));
}

/** The editable standard options; `undefined` removes an optional one (decimals, min, max, displayName). */
export type FieldDefaultsPatch = { [K in keyof FieldDefaults]?: FieldDefaults[K] | undefined };

/** Sets standard field options (unit, decimals, min, max, displayName). */
export function setFieldDefaults(dashboard: Dashboard, id: number, patch: FieldDefaultsPatch): Dashboard {
  return updatePanel(dashboard, id, (p) => {
    const defaults: Record<string, unknown> = { ...p.fieldConfig.defaults, ...patch };
    for (const key of Object.keys(patch)) if (defaults[key] === undefined) delete defaults[key];
    return { ...p, fieldConfig: { ...p.fieldConfig, defaults: defaults as FieldDefaults } };
  });
}

/** Replaces the thresholds; the steps are sorted with the base step (value null) first. */
export function setThresholds(dashboard: Dashboard, id: number, thresholds: Thresholds): Dashboard {
  const steps = [...thresholds.steps].sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
  return setFieldDefaults(dashboard, id, { thresholds: { ...thresholds, steps } });
}

/** Adds an empty target with the next free refId. */
export function addTarget(dashboard: Dashboard, id: number): Dashboard {
  return updatePanel(dashboard, id, (p) => ({ ...p, targets: [...p.targets, { refId: nextRefId(p.targets), expr: "", legendFormat: "", instant: false, minStep: "", hide: false }] }));
}

/** Changes fields of the target `refId`. */
export function updateTarget(dashboard: Dashboard, id: number, refId: string, patch: Partial<Omit<Target, "refId">>): Dashboard {
  return updatePanel(dashboard, id, (p) => ({ ...p, targets: p.targets.map((t) => (t.refId === refId ? { ...t, ...patch } : t)) }));
}

/** Removes the target `refId`. */
export function removeTarget(dashboard: Dashboard, id: number, refId: string): Dashboard {
  return updatePanel(dashboard, id, (p) => ({ ...p, targets: p.targets.filter((t) => t.refId !== refId) }));
}
