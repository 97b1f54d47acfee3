// Plain types and constants for variables at run time. These modules run in the browser, so they
// import only types from the zod schema (lib/dashboards/schema), never its values.

/** The value that stands for "All" (`ALL_VALUE` in the schema; Grafana's `$__all`). */
export const ALL_VALUE = "$__all";
/** What Grafana shows (and accepts from old URLs) for All. */
export const ALL_TEXT = "All";
/** The value of an interval variable's Auto choice (Grafana's `$__auto`). */
export const AUTO_VALUE = "$__auto";
export const AUTO_TEXT = "Auto";

/** One value, several (multi-value), or `ALL_VALUE` / `[ALL_VALUE]` for All. */
export type VariableValue = string | string[];

export interface VariableOption {
  text: string;
  value: string;
}

/** A variable with its current value, as interpolation and the variable bar need it. */
export interface VariableState {
  value: VariableValue;
  text: VariableValue;
  options: VariableOption[];
  multi: boolean;
  includeAll: boolean;
  /** What All stands for when set (e.g. `.*`); otherwise every option's value. */
  allValue?: string;
  /** For an interval variable on Auto: the interval Auto stands for now ("5m"). */
  computed?: string;
}

/**
 * What `$name` can refer to: a resolved variable, or a plain string for built-ins
 * (`__interval`, `__from`, ...) and values that carry no options.
 */
export type VariableScope = Readonly<Record<string, VariableState | string>>;

/** Whether the value means All. */
export function isAllValue(value: VariableValue): boolean {
  return value === ALL_VALUE || (Array.isArray(value) && value[0] === ALL_VALUE);
}
