import type { LabelSet } from "@/lib/promql/types";
import { formatSeriesName } from "@/lib/promql/series";

// Grafana's pattern (its Prometheus backend, `legendFormatRegexp`): `{{ label }}`, spaces inside
// the braces allowed and trimmed; the label name is anything up to the first `}}`.
const LABEL_REFERENCE = /\{\{\s*(.+?)\s*\}\}/g;

/** Grafana's legend mode that names a series by its labels. */
export const LEGEND_AUTO = "__auto";

/**
 * Names a series from the target's legend format, as Grafana does: each `{{label}}` becomes the
 * label's value (`{{__name__}}` the metric name), or nothing when the series lacks it. An empty
 * format (or `__auto`) names the series Prometheus-style, `up{job="api"}`; so does a format that
 * renders to nothing at all, since a blank name cannot be told apart in a legend or tooltip.
 */
export function formatLegend(legendFormat: string, labels: LabelSet): string {
  if (legendFormat.trim() === "" || legendFormat === LEGEND_AUTO) return formatSeriesName(labels);
  // Own properties only: `{{constructor}}` must not print Object's constructor.
  const rendered = legendFormat.replace(LABEL_REFERENCE, (_, name: string) => (Object.hasOwn(labels, name) ? labels[name]! : ""));
  return rendered.trim() === "" ? formatSeriesName(labels) : rendered;
}
