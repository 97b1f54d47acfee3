/** A saved-at time in the browser's zone, e.g. "12 Mar 2025, 14:03:05"; the raw text when unparsable. */
export function formatSavedAt(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" });
}
