export type HttpMethod = "GET" | "POST";

/** An allowlisted upstream endpoint; `path` is built by us, never copied from the request. */
export interface Endpoint {
  /** Canonical name, e.g. "query_range" or "label/values". */
  name: string;
  /** Path below /api/v1 on the upstream. */
  path: string;
  methods: readonly HttpMethod[];
  /** Endpoints that evaluate PromQL (get the timeout parameter and Thanos query parameters). */
  evaluates: boolean;
  /** Endpoints that take Thanos' dedup / partial_response / replicaLabels[] / storeMatch[]. */
  thanosSelect: boolean;
}

const GET_POST = ["GET", "POST"] as const;
const GET = ["GET"] as const;

const FIXED: Record<string, Omit<Endpoint, "name" | "path">> = {
  query: { methods: GET_POST, evaluates: true, thanosSelect: true },
  query_range: { methods: GET_POST, evaluates: true, thanosSelect: true },
  query_exemplars: { methods: GET_POST, evaluates: false, thanosSelect: false },
  series: { methods: GET_POST, evaluates: false, thanosSelect: true },
  labels: { methods: GET_POST, evaluates: false, thanosSelect: true },
  metadata: { methods: GET, evaluates: false, thanosSelect: false },
  targets: { methods: GET, evaluates: false, thanosSelect: false },
  rules: { methods: GET, evaluates: false, thanosSelect: false },
  alerts: { methods: GET, evaluates: false, thanosSelect: false },
  "status/buildinfo": { methods: GET, evaluates: false, thanosSelect: false },
  "status/runtimeinfo": { methods: GET, evaluates: false, thanosSelect: false },
  "status/config": { methods: GET, evaluates: false, thanosSelect: false },
  "status/flags": { methods: GET, evaluates: false, thanosSelect: false },
  "status/tsdb": { methods: GET, evaluates: false, thanosSelect: false },
};

const THANOS_ONLY: Record<string, Omit<Endpoint, "name" | "path">> = {
  stores: { methods: GET, evaluates: false, thanosSelect: false },
};

// Classic label names; Prometheus 3's escaped UTF-8 names ("U__...") also match.
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Maps the path segments after /api/v1/ to an allowlisted endpoint, or null. Matching is exact on
 * decoded segments, so "..", encoded slashes and anything not listed cannot reach the upstream.
 */
export function resolveEndpoint(segments: readonly string[], datasourceType: "prometheus" | "thanos"): Endpoint | null {
  if (segments.length === 3 && segments[0] === "label" && segments[2] === "values") {
    const label = segments[1]!;
    if (!LABEL_NAME.test(label)) return null;
    return { name: "label/values", path: `label/${label}/values`, methods: GET, evaluates: false, thanosSelect: true };
  }
  if (segments.length < 1 || segments.length > 2) return null;
  const key = segments.join("/");
  const spec = Object.hasOwn(FIXED, key)
    ? FIXED[key]
    : datasourceType === "thanos" && Object.hasOwn(THANOS_ONLY, key)
      ? THANOS_ONLY[key]
      : undefined;
  return spec ? { name: key, path: key, ...spec } : null;
}

/** Every endpoint name a datasource of this type serves, for error messages and docs. */
export function allowedEndpointNames(datasourceType: "prometheus" | "thanos"): string[] {
  return [...Object.keys(FIXED), "label/<name>/values", ...(datasourceType === "thanos" ? Object.keys(THANOS_ONLY) : [])];
}
