import type { PanelData } from "./panel-data";

// RFC 4180: quote fields holding a comma, quote or line break; double the quotes. A leading
// =, +, - or @ is prefixed with ' so spreadsheets do not run a label value as a formula.
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(values: readonly string[]): string {
  return values.map(field).join(",");
}

/**
 * The panel's data as CSV, one row per sample: series name, its labels as columns, the time in
 * ISO 8601 and the value (empty for a gap). Instant samples follow with their evaluation time.
 */
export function panelDataToCsv(data: PanelData): string {
  const labelNames = [...new Set([...data.series, ...data.instant].flatMap((s) => Object.keys(s.labels)))].sort();
  const lines = [row(["Series", ...labelNames, "Time", "Value"])];
  for (const s of data.series) {
    const labels = labelNames.map((n) => s.labels[n] ?? "");
    for (const [ms, value] of s.samples.toPairs()) lines.push(row([s.name, ...labels, new Date(ms).toISOString(), value === null ? "" : String(value)]));
  }
  for (const s of data.instant) {
    lines.push(row([s.name, ...labelNames.map((n) => s.labels[n] ?? ""), new Date(s.timeMs).toISOString(), s.value === null ? "" : String(s.value)]));
  }
  return `${lines.join("\r\n")}\r\n`;
}
