/**
 * Escapes text for the few places that must build HTML strings (ECharts tooltip formatters):
 * `& < > " '` become numeric entities, so user or upstream text (labels, titles) is never markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
