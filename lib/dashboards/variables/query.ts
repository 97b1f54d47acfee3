import type { AbsoluteTimeRange } from "@/lib/time/range";

/** A Prometheus variable query, as Grafana's `PrometheusMetricFindQuery` recognises it. */
export type VariableQuery =
  | { kind: "label_names"; match?: string }
  | { kind: "label_values"; label: string; match?: string }
  | { kind: "metrics"; regex: string }
  | { kind: "query_result"; expr: string }
  /** Anything else is a series selector; each series becomes `name{labels}`. */
  | { kind: "series"; match: string };

// The regexes of Grafana's metric_find_query.ts and migrations/variableMigration.ts.
const LABEL_NAMES_RE = /^label_names\(\)\s*$/;
const LABEL_NAMES_MATCH_RE = /^label_names\((.+)\)\s*$/;
const LABEL_VALUES_RE = /^label_values\((?:(.+),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\)\s*$/;
const METRICS_RE = /^metrics\((.+)\)\s*$/;
const QUERY_RESULT_RE = /^query_result\((.+)\)\s*$/s;

/** Parses a variable query; null for an empty one or a bare `label_values()`, `metrics()`, `query_result()`. */
export function parseVariableQuery(query: string): VariableQuery | null {
  if (query.trim() === "") return null;
  const namesMatch = LABEL_NAMES_MATCH_RE.exec(query);
  if (namesMatch) return { kind: "label_names", match: namesMatch[1]! };
  if (LABEL_NAMES_RE.test(query)) return { kind: "label_names" };
  const values = LABEL_VALUES_RE.exec(query);
  if (values) {
    const filter = values[1];
    // Grafana treats a blank filter or `{}` as no filter.
    const defined = filter !== undefined && filter.split(" ").join("") !== "" && filter.split(" ").join("") !== "{}";
    return defined ? { kind: "label_values", label: values[2]!, match: filter } : { kind: "label_values", label: values[2]! };
  }
  const metrics = METRICS_RE.exec(query);
  if (metrics) return { kind: "metrics", regex: metrics[1]! };
  // Grafana removes line breaks from a query_result textarea.
  const result = QUERY_RESULT_RE.exec(query.replace(/[\r\n]+/g, ""));
  if (result) return { kind: "query_result", expr: result[1]! };
  if (["label_values()", "metrics()", "query_result()"].includes(query)) return null;
  return { kind: "series", match: query };
}

/** One Prometheus API call: a path under `/api/v1` of the datasource, and its query parameters. */
export interface VariableRequest {
  path: string;
  params: Record<string, string>;
}

// Grafana's getPrometheusTime: whole seconds, rounded up, for both ends.
const seconds = (ms: number) => String(Math.ceil(ms / 1_000));

/** The Prometheus API request Grafana makes for the query over the range. */
export function planVariableQuery(query: VariableQuery, range: AbsoluteTimeRange): VariableRequest {
  const span = { start: seconds(range.startMs), end: seconds(range.endMs) };
  switch (query.kind) {
    case "label_names":
      return query.match === undefined
        ? { path: "/api/v1/labels", params: span }
        : { path: "/api/v1/labels", params: { "match[]": `{__name__=~".*${query.match}.*"}`, ...span } };
    case "label_values":
      return {
        path: `/api/v1/label/${query.label}/values`,
        params: query.match === undefined ? span : { "match[]": query.match, ...span },
      };
    case "metrics":
      return { path: "/api/v1/label/__name__/values", params: span };
    case "query_result":
      return { path: "/api/v1/query", params: { query: query.expr, time: span.end } };
    case "series":
      return { path: "/api/v1/series", params: { "match[]": query.match, ...span } };
  }
}

/** A value found by a variable query; the value defaults to the text. */
export interface MetricFindValue {
  text: string;
  value?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** The envelope's data; a bare payload is accepted too. Throws the upstream's error. */
function unwrap(body: unknown): unknown {
  if (!isRecord(body) || typeof body.status !== "string") return body;
  if (body.status === "error") {
    const type = typeof body.errorType === "string" ? `${body.errorType}: ` : "";
    throw new Error(`${type}${typeof body.error === "string" ? body.error : "the datasource answered with an error"}`);
  }
  return body.data;
}

function labelsText(labels: Record<string, unknown>): string {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}="${String(v)}"`);
  return `${typeof name === "string" ? name : ""}{${pairs.join(",")}}`;
}

function readQueryResult(data: unknown): MetricFindValue[] {
  if (!isRecord(data) || typeof data.resultType !== "string") throw new Error("Unexpected query result: no resultType");
  const { resultType, result } = data;
  if (resultType === "scalar" || resultType === "string") {
    const value = Array.isArray(result) ? result[1] : undefined;
    return [{ text: typeof value === "string" ? value : "" }];
  }
  if (resultType !== "vector" || !Array.isArray(result)) throw new Error(`Unknown/Unhandled result type: [${resultType}]`);
  return result.map((sample: unknown) => {
    const metric = isRecord(sample) && isRecord(sample.metric) ? sample.metric : {};
    const pair = isRecord(sample) && Array.isArray(sample.value) ? sample.value : [];
    // Exactly Grafana's text: name{labels} value timestamp-in-ms (JS number formatting included).
    return { text: `${labelsText(metric)} ${String(pair[1])} ${Number(pair[0]) * 1_000}` };
  });
}

/** Turns the Prometheus response to `planVariableQuery` into values, as Grafana does. */
export function readVariableResponse(query: VariableQuery, body: unknown): MetricFindValue[] {
  const data = unwrap(body);
  switch (query.kind) {
    case "label_names":
    case "label_values":
    case "metrics": {
      if (!isStringArray(data)) throw new Error("Unexpected response: expected a list of strings");
      if (query.kind === "label_names") return [...data].sort().map((text) => ({ text }));
      if (query.kind === "label_values") return data.map((text) => ({ text }));
      const re = new RegExp(query.regex);
      return data.filter((name) => re.test(name)).map((text) => ({ text }));
    }
    case "query_result":
      return readQueryResult(data);
    case "series":
      if (!Array.isArray(data) || !data.every(isRecord)) throw new Error("Unexpected response: expected a list of series");
      return data.map((labels) => ({ text: labelsText(labels) }));
  }
}
