import { DEFAULT_TIME_RANGE, isValidTime, type RawTimeRange } from "@/lib/time/range";
import { METRIC_SETS, type MetricSet } from "../metrics";

/** The Knative view's state in the URL: `?ds=&ns=&svc=&rev=&set=&from=&to=` (other parameters, e.g. `wi.*`, are kept). */
export interface KnativeViewState {
  datasource: string | null;
  namespace: string | null;
  service: string | null;
  revision: string | null;
  /** Only needed when a revision exists in both metric sets (mid-upgrade). */
  metricSet: MetricSet | null;
  range: RawTimeRange;
}

export const KNATIVE_PARAMS = { datasource: "ds", namespace: "ns", service: "svc", revision: "rev", metricSet: "set", from: "from", to: "to" } as const;

export const DEFAULT_KNATIVE_VIEW: KnativeViewState = { datasource: null, namespace: null, service: null, revision: null, metricSet: null, range: DEFAULT_TIME_RANGE };

const DATASOURCE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
// Kubernetes names (DNS-1123 labels and subdomains), plus OpenCensus's "unknown" service.
const K8S_NAME_RE = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function name(params: URLSearchParams, key: string): string | null {
  const v = params.get(key);
  return v !== null && K8S_NAME_RE.test(v) ? v : null;
}

/** Reads the view state; each missing or invalid value falls back to its default. */
export function decodeKnativeViewState(search: URLSearchParams | string): KnativeViewState {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const ds = params.get(KNATIVE_PARAMS.datasource);
  const set = params.get(KNATIVE_PARAMS.metricSet);
  const from = params.get(KNATIVE_PARAMS.from);
  const to = params.get(KNATIVE_PARAMS.to);
  return {
    datasource: ds !== null && DATASOURCE_ID_RE.test(ds) ? ds : null,
    namespace: name(params, KNATIVE_PARAMS.namespace),
    service: name(params, KNATIVE_PARAMS.service),
    revision: name(params, KNATIVE_PARAMS.revision),
    metricSet: METRIC_SETS.find((s) => s === set) ?? null,
    range: {
      from: from !== null && isValidTime(from) ? from.trim() : DEFAULT_TIME_RANGE.from,
      to: to !== null && isValidTime(to) ? to.trim() : DEFAULT_TIME_RANGE.to,
    },
  };
}

/** Writes the view state into `current` (a query string), keeping parameters that are not the view's. */
export function encodeKnativeViewState(state: KnativeViewState, current = ""): string {
  const params = new URLSearchParams(current);
  for (const key of Object.values(KNATIVE_PARAMS)) params.delete(key);
  const set = (key: string, value: string | null) => {
    if (value !== null) params.set(key, value);
  };
  set(KNATIVE_PARAMS.datasource, state.datasource);
  set(KNATIVE_PARAMS.namespace, state.namespace);
  set(KNATIVE_PARAMS.service, state.service);
  set(KNATIVE_PARAMS.revision, state.revision);
  set(KNATIVE_PARAMS.metricSet, state.metricSet);
  params.set(KNATIVE_PARAMS.from, state.range.from);
  params.set(KNATIVE_PARAMS.to, state.range.to);
  return params.toString();
}
