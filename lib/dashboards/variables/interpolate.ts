import { DEFAULT_FORMAT, FORMATS, prometheusFormat, type FormatContext } from "./formats";
import { ALL_TEXT, ALL_VALUE, isAllValue, type VariableScope, type VariableState, type VariableValue } from "./types";

/**
 * Grafana's variable syntax: `$name`, `[[name]]` / `[[name:format]]`, `${name}` /
 * `${name:format}` / `${name.field:format}`. `\w+` is greedy, so `$cluster_name` is always the
 * variable `cluster_name` (and stays as written if there is none), never `$cluster` + "_name".
 */
const VARIABLE_RE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

/** A format name (`csv`, `regex`, `date:iso`...), or a function such as `prometheusFormat`. */
export type InterpolationFormat = string | ((value: VariableValue, ctx: FormatContext) => string);

export interface InterpolateOptions {
  /** Used when the reference names no format; Grafana's default is `glob`. */
  format?: InterpolationFormat;
}

// An allValue may itself refer to variables; Grafana interpolates it again. Guard against loops.
const MAX_DEPTH = 5;

function context(name: string, state: VariableState | string): FormatContext {
  if (typeof state === "string") return { name, multi: false, includeAll: false, text: state, urlValues: [state] };
  const all = isAllValue(state.value);
  const text = all ? ALL_TEXT : Array.isArray(state.text) ? state.text.join(" + ") : state.text;
  const urlValues = all ? [ALL_VALUE] : Array.isArray(state.value) ? state.value : [state.value];
  return { name, multi: state.multi, includeAll: state.includeAll, text, urlValues };
}

function applyFormat(value: VariableValue, format: InterpolationFormat, ctx: FormatContext): string {
  if (typeof format === "function") return format(value, ctx);
  const [id = DEFAULT_FORMAT, ...args] = format.split(":");
  // Grafana falls back to glob for an unknown format.
  const formatter = FORMATS[id] ?? FORMATS[DEFAULT_FORMAT]!;
  return formatter(value, args, ctx);
}

function formatVariable(name: string, state: VariableState | string, format: InterpolationFormat, scope: VariableScope, depth: number): string {
  const ctx = context(name, state);
  if (typeof state === "string") return applyFormat(state, format, ctx);
  if (isAllValue(state.value)) {
    if (state.allValue) {
      // Grafana's CustomAllValue: the allValue goes in unformatted, except for these three formats.
      if (format === "text") return ALL_TEXT;
      if (format === "percentencode" || format === "queryparam") return applyFormat(state.allValue, format, ctx);
      return depth < MAX_DEPTH ? expand(state.allValue, scope, {}, depth + 1) : state.allValue;
    }
    return applyFormat(
      state.options.map((o) => o.value),
      format,
      ctx,
    );
  }
  return applyFormat(state.computed ?? state.value, format, ctx);
}

function expand(text: string, scope: VariableScope, options: InterpolateOptions, depth: number): string {
  return text.replace(VARIABLE_RE, (match, v1?: string, v2?: string, fmt2?: string, v3?: string, _field?: string, fmt3?: string) => {
    const name = v1 ?? v2 ?? v3 ?? "";
    if (!Object.hasOwn(scope, name)) return match;
    const format = fmt2 ?? fmt3 ?? options.format ?? DEFAULT_FORMAT;
    return formatVariable(name, scope[name]!, format, scope, depth);
  });
}

/**
 * Replaces variable references in a string (a title, a legend, a custom variable's query) with
 * the variables' values; references to unknown variables are left as written.
 */
export function interpolate(text: string, scope: VariableScope, options: InterpolateOptions = {}): string {
  return expand(text, scope, options, 0);
}

/**
 * Interpolates a PromQL expression as Grafana's Prometheus datasource does: multi-value and All
 * values become a regex alternation with regex characters escaped (`(a|b\\.c)`), single values go
 * in raw, a custom All value (e.g. `.*`) as written. Explicit formats (`${v:csv}`) still apply.
 */
export function interpolatePromQL(expr: string, scope: VariableScope): string {
  return interpolate(expr, scope, { format: prometheusFormat });
}

/** Names referred to in the text, in order of first appearance (built-ins included). */
export function variableReferences(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(VARIABLE_RE)) names.add(match[1] ?? match[2] ?? match[4] ?? "");
  names.delete("");
  return [...names];
}
