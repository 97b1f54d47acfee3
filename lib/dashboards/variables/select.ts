import { ALL_TEXT, ALL_VALUE, isAllValue, type VariableOption, type VariableValue } from "./types";

export interface Selection {
  value: VariableValue;
  text: VariableValue;
}

export interface SelectionRules {
  multi: boolean;
  includeAll: boolean;
}

function all(multi: boolean): Selection {
  return multi ? { value: [ALL_VALUE], text: [ALL_TEXT] } : { value: ALL_VALUE, text: ALL_TEXT };
}

function first(options: readonly VariableOption[], multi: boolean): Selection {
  const option = options[0]!;
  return multi ? { value: [option.value], text: [option.text] } : { value: option.value, text: option.text };
}

/**
 * Grafana's choice of value once a variable's options are known (Scenes
 * `getStateUpdateGivenNewOptions`, with `defaultToAll` = includeAll as dashboards set it):
 * - no options: All if includeAll, else nothing;
 * - All requested: kept if includeAll, else the first option;
 * - multi: the requested values still among the options, else All (includeAll) or the first;
 * - single: the option whose value, or else text, is the requested one; else All or the first.
 */
export function selectValue(rules: SelectionRules, options: readonly VariableOption[], requested?: Selection): Selection {
  if (options.length === 0) {
    if (rules.includeAll) return all(rules.multi);
    return rules.multi ? { value: [], text: [] } : { value: "", text: "" };
  }
  const fallback = rules.includeAll ? all(rules.multi) : first(options, rules.multi);
  if (requested === undefined) return fallback;
  if (isAllValue(requested.value)) return rules.includeAll ? all(rules.multi) : first(options, rules.multi);
  if (rules.multi) {
    const wanted = Array.isArray(requested.value) ? requested.value : [requested.value];
    const valid = wanted.filter((v) => options.some((o) => o.value === v));
    if (valid.length === 0) return fallback;
    return { value: valid, text: valid.map((v) => options.find((o) => o.value === v)!.text) };
  }
  const value = Array.isArray(requested.value) ? (requested.value[0] ?? "") : requested.value;
  const text = Array.isArray(requested.text) ? (requested.text[0] ?? value) : requested.text;
  const match = options.find((o) => o.value === value) ?? options.findLast((o) => o.text === text);
  return match ? { value: match.value, text: match.text } : fallback;
}
