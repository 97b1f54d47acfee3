import { parseTimeInZone } from "./zoned-parse";
import type { TimeZoneSetting } from "./zone";

const COMPACT_DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;
const COMPACT_DATETIME_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/;
const SPACED_DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;
const ISO_ZONED_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function utcFromParts(parts: readonly string[]): number | null {
  const [y, mo, d, h = 0, mi = 0, s = 0] = parts.map(Number);
  const ms = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over into March; Grafana (moment) calls such a date invalid.
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}

function iso(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}

/**
 * Reads a `from`/`to` URL value as Grafana does (Scenes `parseUrlParam`): anything with `now` is
 * kept as written; `YYYYMMDD`, `YYYYMMDDTHHmmss` and `YYYY-MM-DD HH:mm:ss` are UTC; ISO 8601 with
 * an offset; otherwise epoch milliseconds. Absolute times come back as ISO 8601 UTC with
 * milliseconds (`2024-03-13T14:25:36.000Z`), the form Grafana writes. Null when it is not a time.
 */
export function parseUrlTime(value: string): string | null {
  const text = value.trim();
  if (text === "") return null;
  if (text.includes("now")) return parseTimeInZone(text, 0, { timeZone: "utc" }) === null ? null : text;
  for (const re of [COMPACT_DATE_RE, COMPACT_DATETIME_RE, SPACED_DATETIME_RE]) {
    const match = re.exec(text);
    if (!match) continue;
    const ms = utcFromParts(match.slice(1));
    // An 8-digit value that is not a date falls through to epoch ms, as in Grafana.
    if (ms !== null) return iso(ms);
  }
  if (ISO_ZONED_RE.test(text)) return iso(Date.parse(text));
  if (/^-?\d{1,16}$/.test(text)) return iso(Number(text));
  return null;
}

/**
 * The form of a raw time to write into a URL: relative times as written, absolute ones as ISO 8601
 * UTC. A zone-less date in the dashboard JSON ("2024-03-13 10:00") is read in `timeZone` first.
 */
export function formatUrlTime(raw: string, timeZone: TimeZoneSetting = "browser"): string {
  const text = raw.trim();
  if (text.includes("now")) return text;
  const ms = parseTimeInZone(text, 0, { timeZone });
  return ms === null ? text : (iso(ms) ?? text);
}
