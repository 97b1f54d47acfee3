import type { FieldConfig } from "@/lib/dashboards/schema/field-config";
import { resolveField } from "@/lib/panels/field-config";
import type { PanelData } from "@/lib/panels/panel-data";
import { reduceSamples } from "@/lib/panels/reduce";
import { formatValue } from "@/lib/units/format";

export type CellValue = string | number | null;

export interface TableColumn {
  /** The header, and the name overrides and `sortBy` match. */
  name: string;
  kind: "label" | "value";
}

export interface TableRow {
  key: string;
  /** Raw values by column name: label strings, or numbers for value columns. */
  cells: Record<string, CellValue>;
}

export interface TableViewModel {
  columns: TableColumn[];
  rows: TableRow[];
  /** Formats a cell for display (value columns with their unit and decimals). */
  format: (column: string, value: CellValue) => string;
}

interface Sample {
  refId: string;
  labels: Record<string, string>;
  value: number | null;
}

// Instant samples when there are any; otherwise each series' last value, as Grafana's table does.
function samplesOf(data: PanelData): Sample[] {
  if (data.instant.length > 0) return data.instant.map((s) => ({ refId: s.refId, labels: s.labels, value: s.value }));
  return data.series.map((s) => ({ refId: s.refId, labels: s.labels, value: reduceSamples(s.samples, "lastNotNull") }));
}

const METRIC = "Metric";

function labelKey(labels: Record<string, string>, withName: boolean): string {
  return JSON.stringify(Object.entries(labels).filter(([k]) => withName || k !== "__name__").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Each column's header: its display name from the field config (a `displayName` override by
 * name, as Grafana's organize renames import), else its name. Sorting still uses the name.
 */
export function columnTitles(columns: readonly TableColumn[], fieldConfig: FieldConfig): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c.name, resolveField(fieldConfig, c.name).displayName]));
}

/**
 * One row per series, one column per label (the union of names, `__name__` first as "Metric"),
 * then the value. With several queries, rows with the same labels are joined and each query gets
 * its own "Value #<refId>" column, as Grafana names them (pure).
 */
export function toTableViewModel(data: PanelData, fieldConfig: FieldConfig): TableViewModel {
  const samples = samplesOf(data);
  const refIds = [...new Set(samples.map((s) => s.refId))];
  const joined = refIds.length > 1;
  const valueColumn = (refId: string) => (joined ? `Value #${refId}` : "Value");
  const labelNames = new Set<string>();
  for (const s of samples) for (const name of Object.keys(s.labels)) labelNames.add(name);
  const hasName = labelNames.delete("__name__");
  const sortedLabels = [...labelNames].sort();

  const rows = new Map<string, TableRow>();
  for (const s of samples) {
    // Joined queries usually differ in metric name (`a / b` vs `c`), so join without it.
    const key = labelKey(s.labels, !joined);
    let row = rows.get(key);
    if (!row) {
      row = { key, cells: {} };
      if (hasName) row.cells[METRIC] = s.labels.__name__ ?? null;
      for (const name of sortedLabels) row.cells[name] = s.labels[name] ?? null;
      rows.set(key, row);
    }
    row.cells[valueColumn(s.refId)] = s.value;
  }

  const columns: TableColumn[] = [
    ...(hasName ? [{ name: METRIC, kind: "label" as const }] : []),
    ...sortedLabels.map((name) => ({ name, kind: "label" as const })),
    ...refIds.map((refId) => ({ name: valueColumn(refId), kind: "value" as const })),
  ];
  const fields = new Map(columns.filter((c) => c.kind === "value").map((c) => [c.name, resolveField(fieldConfig, c.name)]));
  const format = (column: string, value: CellValue) => {
    if (typeof value === "string") return value;
    const field = fields.get(column);
    if (!field) return value === null ? "" : String(value);
    return formatValue(value, field.unit, field.decimals);
  };
  return { columns, rows: [...rows.values()], format };
}
