import type { Dashboard, Variable, VariableOf, VariableType } from "../schema";

const list = (d: Dashboard) => d.templating.list;
const withList = (d: Dashboard, next: Variable[]): Dashboard => ({ ...d, templating: { ...d.templating, list: next } });

/** A variable of `type` with the schema's defaults, keeping name, label, description and hide. */
export function variableOfType(type: VariableType, base: Pick<Variable, "name"> & Partial<Pick<Variable, "label" | "description" | "hide">>): Variable {
  const common = { name: base.name, hide: base.hide ?? "none", ...(base.label ? { label: base.label } : {}), ...(base.description ? { description: base.description } : {}) };
  const selection = { multi: false, includeAll: false };
  switch (type) {
    case "query":
      return { ...common, ...selection, type, query: "label_values(up, job)", regex: "", sort: "none", refresh: "load" } satisfies VariableOf<"query">;
    case "custom":
      return { ...common, ...selection, type, query: "" } satisfies VariableOf<"custom">;
    case "constant":
      return { ...common, type, query: "" } satisfies VariableOf<"constant">;
    case "textbox":
      return { ...common, type, query: "" } satisfies VariableOf<"textbox">;
    case "interval":
      return { ...common, type, query: "1m,5m,10m,30m,1h", auto: false, auto_count: 30, auto_min: "10s" } satisfies VariableOf<"interval">;
    case "datasource":
      return { ...common, ...selection, type, query: "", regex: "" } satisfies VariableOf<"datasource">;
  }
}

/** A name no variable has yet: `var1`, `var2`, ... */
export function freeVariableName(dashboard: Dashboard, prefix = "var"): string {
  const names = new Set(list(dashboard).map((v) => v.name));
  let n = list(dashboard).length + 1;
  while (names.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Appends a new custom variable with a free name; its index is returned for the editor. */
export function addVariable(dashboard: Dashboard, type: VariableType = "custom"): { dashboard: Dashboard; index: number } {
  const variable = variableOfType(type, { name: freeVariableName(dashboard) });
  return { dashboard: withList(dashboard, [...list(dashboard), variable]), index: list(dashboard).length };
}

/** Replaces the variable at `index`. */
export function updateVariable(dashboard: Dashboard, index: number, variable: Variable): Dashboard {
  if (index < 0 || index >= list(dashboard).length) return dashboard;
  return withList(dashboard, list(dashboard).map((v, i) => (i === index ? variable : v)));
}

/** Removes the variable at `index`. */
export function removeVariable(dashboard: Dashboard, index: number): Dashboard {
  return withList(dashboard, list(dashboard).filter((_, i) => i !== index));
}

/** Moves the variable at `index` by `delta` places (the bar shows them in this order). */
export function moveVariable(dashboard: Dashboard, index: number, delta: -1 | 1): Dashboard {
  const to = index + delta;
  if (index < 0 || to < 0 || to >= list(dashboard).length) return dashboard;
  const next = [...list(dashboard)];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return withList(dashboard, next);
}
