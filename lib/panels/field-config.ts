import type { FieldConfig, FieldDefaults, Override } from "@/lib/dashboards/schema/field-config";
import type { LabelSet } from "@/lib/promql/types";

/** The field settings that apply to one series: the defaults with matching overrides applied. */
export type ResolvedField = FieldDefaults & { displayName: string };

// Grafana accepts `/pattern/flags` as well as a bare pattern.
function toRegExp(pattern: string): RegExp | null {
  const literal = /^\/(.*)\/([gimsuy]*)$/s.exec(pattern);
  try {
    return literal ? new RegExp(literal[1]!, literal[2]!.replace("g", "")) : new RegExp(pattern);
  } catch {
    return null;
  }
}

/** Whether an override's matcher picks the series of that name (its name before displayName). */
export function overrideMatches(matcher: Override["matcher"], name: string): boolean {
  if (matcher.id === "byName") return matcher.options === name;
  return toRegExp(matcher.options)?.test(name) ?? false;
}

/**
 * Expands Grafana's display-name templates: `${__series.name}`, `${__field.name}` and
 * `${__field.labels.x}` (a missing label becomes empty).
 */
export function expandDisplayName(template: string, name: string, labels: LabelSet): string {
  return template.replace(/\$\{__(series\.name|field\.name|field\.displayName|field\.labels\.([^}]+))\}/g, (_, what: string, label?: string) =>
    label !== undefined ? (labels[label] ?? "") : name,
  );
}

/** The field settings for one series: later overrides win, as in Grafana. */
export function resolveField(fieldConfig: FieldConfig, name: string, labels: LabelSet = {}): ResolvedField {
  const resolved: FieldDefaults = { ...fieldConfig.defaults };
  for (const override of fieldConfig.overrides) {
    if (!overrideMatches(override.matcher, name)) continue;
    for (const property of override.properties) {
      // Each property id is a key of the defaults with the same value type (see the schema).
      (resolved as Record<string, unknown>)[property.id] = property.value;
    }
  }
  const displayName = resolved.displayName ? expandDisplayName(resolved.displayName, name, labels) : name;
  return { ...resolved, displayName: displayName === "" ? name : displayName };
}
