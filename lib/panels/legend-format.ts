import type { LabelSet } from "@/lib/promql/types";
import { formatSeriesName } from "@/lib/promql/series";

// Grafana's pattern: `{{ label }}` with optional spaces inside the braces.
const LABEL_REFERENCE = /\{\{\s*(.+?)\s*\}\}/g;

/**
 * Names a series from the target's legend format, as Grafana does: each `{{label}}` becomes the
 * label's value, or nothing when the series lacks it. An empty format (or Grafana's `__auto`)
 * names the series Prometheus-style, `up{job="api"}`.
 */
export function formatLegend(legendFormat: string, labels: LabelSet): string {
  if (legendFormat.trim() === "" || legendFormat === "__auto") return formatSeriesName(labels);
  return legendFormat.replace(LABEL_REFERENCE, (_, name: string) => labels[name] ?? "");
}
