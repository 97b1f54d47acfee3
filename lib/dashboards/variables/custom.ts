import type { VariableOption } from "./types";

/**
 * Grafana's custom variable values: comma-separated, `\,` for a literal comma, and
 * `text : value` (spaces around the colon required) for an option whose text differs from its
 * value. Values are trimmed; the query is interpolated by the caller first, as Grafana does.
 */
export function parseCustomQuery(query: string): VariableOption[] {
  const parts = query.match(/(?:\\,|[^,])+/g) ?? [];
  return parts.map((part) => {
    const text = part.replace(/\\,/g, ",");
    const pair = /^\s*(.+)\s:\s(.+)$/.exec(text);
    if (pair) return { text: pair[1]!.trim(), value: pair[2]!.trim() };
    return { text: text.trim(), value: text.trim() };
  });
}
