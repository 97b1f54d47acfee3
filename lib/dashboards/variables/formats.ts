import type { VariableValue } from "./types";

/** What a formatter may know about the variable besides its value. */
export interface FormatContext {
  name: string;
  multi: boolean;
  includeAll: boolean;
  /** The value as text: "All", or the selected texts joined with " + ". */
  text: string;
  /** The values the URL holds (`var-name=...`), for the `queryparam` format. */
  urlValues: string[];
}

export type VariableFormatter = (value: VariableValue, args: string[], ctx: FormatContext) => string;

/** Grafana's `escapeRegex` (@grafana/data): backslash before `\ ^ $ * + ? . ( ) | [ ] { } /`. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, "\\$&");
}

// RFC 3986: encodeURIComponent leaves ! ' ( ) * alone; Grafana encodes them too.
const strict = (s: string) => s.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const encodeStrict = (value: string) => strict(encodeURIComponent(value));

/** Grafana's `urlUtil` encoding of query parameters (AngularJS style: keeps `@ : $ , ;`). */
export function encodeUrlParam(value: string): string {
  return strict(
    encodeURIComponent(value)
      .replace(/%40/gi, "@")
      .replace(/%3A/gi, ":")
      .replace(/%24/g, "$")
      .replace(/%2C/gi, ",")
      .replace(/%3B/gi, ";"),
  );
}

function luceneEscape(value: string): string {
  if (!Number.isNaN(Number(value))) return value;
  return value.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, "\\$1");
}

function quote(value: VariableValue, q: string): string {
  const one = (v: string) => `${q}${v.split(q).join(`\\${q}`)}${q}`;
  return Array.isArray(value) ? value.map(one).join(",") : one(value);
}

const join = (value: VariableValue, separator: string) => (Array.isArray(value) ? value.join(separator) : value);

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

// A small subset of moment's tokens, in the viewer's local time as Grafana's `dateTime(...).format()`.
function formatDate(ms: number, pattern: string): string {
  const d = new Date(ms);
  const tokens: Record<string, string> = {
    YYYY: String(d.getFullYear()),
    YY: pad(d.getFullYear() % 100),
    MM: pad(d.getMonth() + 1),
    DD: pad(d.getDate()),
    HH: pad(d.getHours()),
    mm: pad(d.getMinutes()),
    ss: pad(d.getSeconds()),
    SSS: pad(d.getMilliseconds(), 3),
  };
  return pattern.replace(/YYYY|YY|MM|DD|HH|mm|ss|SSS/g, (t) => tokens[t]!);
}

/** Grafana's variable formats (`${var:format}`), from Scenes `formatRegistry`. */
export const FORMATS: Readonly<Record<string, VariableFormatter>> = {
  raw: (value) => String(value),
  regex: (value) => {
    if (!Array.isArray(value)) return escapeRegex(value);
    const escaped = value.map(escapeRegex);
    return escaped.length === 1 ? escaped[0]! : `(${escaped.join("|")})`;
  },
  pipe: (value) => join(value, "|"),
  csv: (value) => join(value, ","),
  distributed: (value, _args, ctx) =>
    Array.isArray(value) ? value.map((v, i) => (i === 0 ? v : `${ctx.name}=${v}`)).join(",") : value,
  json: (value) => (Array.isArray(value) ? JSON.stringify(value) : value),
  lucene: (value) => {
    if (!Array.isArray(value)) return luceneEscape(value);
    if (value.length === 0) return "__empty__";
    return `(${value.map((v) => `"${luceneEscape(v)}"`).join(" OR ")})`;
  },
  html: (value) =>
    join(value, ", ").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!),
  percentencode: (value) => encodeStrict(Array.isArray(value) ? `{${value.join(",")}}` : value),
  uriencode: (value) => strict(encodeURI(Array.isArray(value) ? `{${value.join(",")}}` : value)),
  singlequote: (value) => quote(value, "'"),
  doublequote: (value) => quote(value, '"'),
  sqlstring: (value) => {
    const one = (v: string) => `'${v.replace(/'/g, "''").replace(/"/g, '\\"')}'`;
    return Array.isArray(value) ? value.map(one).join(",") : one(value);
  },
  join: (value, args) => join(value, args[0] ?? ","),
  glob: (value) => (Array.isArray(value) && value.length > 1 ? `{${value.join(",")}}` : String(value)),
  text: (_value, _args, ctx) => ctx.text,
  queryparam: (_value, _args, ctx) => ctx.urlValues.map((v) => `var-${encodeUrlParam(ctx.name)}=${encodeUrlParam(v)}`).join("&"),
  date: (value, args) => {
    const ms = Number.parseInt(Array.isArray(value) ? (value[0] ?? "") : value, 10);
    if (Number.isNaN(ms)) return "NaN";
    const arg = args[0] ?? "iso";
    if (arg === "ms") return String(value);
    if (arg === "seconds") return String(Math.round(ms / 1_000));
    if (arg === "iso") return new Date(ms).toISOString();
    return formatDate(ms, args.join(":"));
  },
};

/** Grafana's default format when none is given (`$var` in a title or legend): glob. */
export const DEFAULT_FORMAT = "glob";

// Grafana's classic (default) escaping, without the prometheusSpecialCharsInLabelValues toggle.
function prometheusRegularEscape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/'/g, "\\\\'");
}

function prometheusSpecialRegexEscape(value: string): string {
  return value.replace(/\\/g, "\\\\\\\\").replace(/[$^*{}[\]+?.()|]/g, "\\\\$&");
}

/**
 * Grafana's Prometheus `interpolateQueryExpr`: a single-value variable goes in as written (only
 * `\` and `'` escaped); a multi-value or include-All variable has regex characters escaped (twice,
 * for the PromQL string) and several values become `(a|b)`, for use inside `=~"..."`.
 */
export function prometheusFormat(value: VariableValue, ctx: Pick<FormatContext, "multi" | "includeAll">): string {
  if (!ctx.multi && !ctx.includeAll) return Array.isArray(value) ? String(value) : prometheusRegularEscape(value);
  if (!Array.isArray(value)) return prometheusSpecialRegexEscape(value);
  const escaped = value.map(prometheusSpecialRegexEscape);
  return escaped.length === 1 ? escaped[0]! : `(${escaped.join("|")})`;
}
