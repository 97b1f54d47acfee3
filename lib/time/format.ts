const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Formats epoch ms as `YYYY-MM-DD HH:mm:ss` in local time (or UTC), for tooltips and tables. */
export function formatDateTime(ms: number, options: { utc?: boolean } = {}): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return "Invalid time";
  const utc = options.utc ?? false;
  const date = [utc ? d.getUTCFullYear() : d.getFullYear(), pad((utc ? d.getUTCMonth() : d.getMonth()) + 1), pad(utc ? d.getUTCDate() : d.getDate())];
  const time = [utc ? d.getUTCHours() : d.getHours(), utc ? d.getUTCMinutes() : d.getMinutes(), utc ? d.getUTCSeconds() : d.getSeconds()];
  return `${date.join("-")} ${time.map((n) => pad(n)).join(":")}`;
}

/** The value an `<input type="datetime-local">` shows for epoch ms (local time, to the second). */
export function toDateTimeLocalValue(ms: number): string {
  return formatDateTime(ms).replace(" ", "T");
}

/**
 * Epoch ms for an `<input type="datetime-local">` value (local time), or null when it is empty or
 * invalid. Browsers give `YYYY-MM-DDTHH:mm` or with seconds.
 */
export function fromDateTimeLocalValue(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** ISO 8601 in UTC to the second (`2024-03-13T14:05:06Z`): short enough to read in a time field. */
export function formatIsoSeconds(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
