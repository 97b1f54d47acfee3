/**
 * Escapes text for the few places that must build HTML strings (ECharts tooltip formatters):
 * `& < > " '` become numeric entities, so user or upstream text (labels, titles) is never markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A value as JSON to write inside an inline `<script>` element: `<` and the two JavaScript line
 * terminators escaped (`\u003c`, `\u2028`, `\u2029`), so no string in it (a query, a title) can close
 * the element, open a comment or break the script. Parses back to the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
