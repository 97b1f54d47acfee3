/**
 * Knative Serving metric names in both eras (notes §1): OpenCensus (≤ 1.18, `autoscaler_*`,
 * `activator_*`, queue-proxy `revision_*`) and OpenTelemetry (≥ 1.19, `kn_revision_*`,
 * `http_server_request_duration_seconds_*`, `kn_serving_*`), and the PromQL built on them.
 * Pure; no I/O. Every user-supplied label value goes through `escapeLabelValue`.
 */

export type MetricSet = "opencensus" | "otel";

export const METRIC_SETS: readonly MetricSet[] = ["opencensus", "otel"];

export interface RevisionRef {
  namespace: string;
  service: string;
  configuration: string;
  revision: string;
  metricSet: MetricSet;
}

export type RevisionMetric =
  | "desired"
  | "requested"
  | "ready"
  | "notReady"
  | "pending"
  | "terminating"
  | "stable"
  | "panic"
  | "target"
  | "ebc"
  | "panicMode"
  | "stableRps"
  | "panicRps"
  | "targetRps"
  | "activatorConcurrency";

export interface RevisionLabels {
  namespace: string;
  service: string;
  configuration: string;
  revision: string;
}

/** The revision-identity labels of each set (notes §1c, "Label map"). */
export const REVISION_LABELS: Record<MetricSet, RevisionLabels> = {
  opencensus: { namespace: "namespace_name", service: "service_name", configuration: "configuration_name", revision: "revision_name" },
  otel: { namespace: "k8s_namespace_name", service: "kn_service_name", configuration: "kn_configuration_name", revision: "kn_revision_name" },
};

export const REVISION_METRIC_NAMES: Record<MetricSet, Record<RevisionMetric, string>> = {
  opencensus: {
    desired: "autoscaler_desired_pods",
    requested: "autoscaler_requested_pods",
    ready: "autoscaler_actual_pods",
    notReady: "autoscaler_not_ready_pods",
    pending: "autoscaler_pending_pods",
    terminating: "autoscaler_terminating_pods",
    stable: "autoscaler_stable_request_concurrency",
    panic: "autoscaler_panic_request_concurrency",
    target: "autoscaler_target_concurrency_per_pod",
    ebc: "autoscaler_excess_burst_capacity",
    panicMode: "autoscaler_panic_mode",
    stableRps: "autoscaler_stable_requests_per_second",
    panicRps: "autoscaler_panic_requests_per_second",
    targetRps: "autoscaler_target_requests_per_second",
    activatorConcurrency: "activator_request_concurrency",
  },
  otel: {
    desired: "kn_revision_pods_desired",
    requested: "kn_revision_pods_requested",
    ready: "kn_revision_pods_count",
    notReady: "kn_revision_pods_not_ready_count",
    pending: "kn_revision_pods_pending_count",
    terminating: "kn_revision_pods_terminating_count",
    stable: "kn_revision_concurrency_stable",
    panic: "kn_revision_concurrency_panic",
    target: "kn_revision_concurrency_target",
    ebc: "kn_revision_capacity_excess",
    panicMode: "kn_revision_panic_mode",
    stableRps: "kn_revision_rps_stable_per_second",
    panicRps: "kn_revision_rps_panic_per_second",
    targetRps: "kn_revision_rps_target_per_second",
    activatorConcurrency: "kn_revision_request_concurrency",
  },
};

/** The metric whose presence identifies a set (detection, notes §1c step 1). */
export const DETECTION_METRIC: Record<MetricSet, string> = {
  opencensus: REVISION_METRIC_NAMES.opencensus.desired,
  otel: REVISION_METRIC_NAMES.otel.desired,
};

/**
 * Request metrics per set. OpenCensus: queue-proxy's `revision_request_*` (latency in ms), which
 * sees every request that reached a pod, including the breaker's 503s when its queue is full.
 * OTel: the otelhttp server histogram in seconds; the activator exports the same name, so the
 * queue-proxy's series are told apart by `QUEUE_PROXY_MATCHER` when the exporter provides it.
 */
export const REQUEST_METRICS = {
  opencensus: { count: "revision_request_count", bucket: "revision_request_latencies_bucket", latencyUnitSeconds: 0.001, errorMatcher: 'response_code_class="5xx"' },
  otel: { count: "http_server_request_duration_seconds_count", bucket: "http_server_request_duration_seconds_bucket", latencyUnitSeconds: 1, errorMatcher: 'http_response_status_code=~"5.."' },
} as const satisfies Record<MetricSet, { count: string; bucket: string; latencyUnitSeconds: number; errorMatcher: string }>;

/** Extra matchers that keep request series to the queue-proxy (not the activator), per set. */
// OpenCensus names differ per component already. OTel: queue-proxy's revision identity lives in
// the resource (notes §1b caveat 2); promoted to labels (OTLP push with resource promotion) it
// comes with `k8s.container.name`, which tells queue-proxy from the activator, whose series share
// the otelhttp name and the kn_* labels.
export const QUEUE_PROXY_MATCHER: Record<MetricSet, string> = {
  opencensus: "",
  otel: 'k8s_container_name="queue-proxy"',
};

/** Escapes a string for a double-quoted PromQL label value. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

/** `ns_label="ns",rev_label="rev"`: namespace + revision identify a revision (names are unique per namespace). */
export function revisionMatchers(ref: Pick<RevisionRef, "namespace" | "revision" | "metricSet">): string {
  const l = REVISION_LABELS[ref.metricSet];
  return `${l.namespace}="${escapeLabelValue(ref.namespace)}",${l.revision}="${escapeLabelValue(ref.revision)}"`;
}

/** The `by (...)` list of revision labels of a set. */
export function revisionByClause(metricSet: MetricSet): string {
  const l = REVISION_LABELS[metricSet];
  return `${l.namespace}, ${l.service}, ${l.configuration}, ${l.revision}`;
}

/**
 * PromQL for one revision-level series, `max by (<revision labels>)`: OpenCensus LastValue series
 * never expire, so an autoscaler replica that lost leadership can keep exporting a stale copy, and
 * `sum` would add it (notes §1c).
 */
export function revisionQuery(ref: RevisionRef, metric: RevisionMetric): string {
  const name = REVISION_METRIC_NAMES[ref.metricSet][metric];
  return `max by (${revisionByClause(ref.metricSet)}) (${name}{${revisionMatchers(ref)}})`;
}

/** Per-pod observed concurrency: `stable` or `panic` total ÷ max(ready, 1) (notes §1c "Chart semantics"). */
export function perPodQuery(ref: RevisionRef, metric: "stable" | "panic" | "stableRps" | "panicRps"): string {
  const by = revisionByClause(ref.metricSet);
  return `${revisionQuery(ref, metric)} / on (${by}) clamp_min(${revisionQuery(ref, "ready")}, 1)`;
}

/** A PromQL range-vector window, e.g. `"1m"` or `"120s"`; rejects anything else. */
function checkWindow(window: string): string {
  if (!/^\d+(ms|s|m|h|d|w|y)$/.test(window)) throw new Error(`knative: bad rate window "${window}" (expected e.g. 60s or 2m)`);
  return window;
}

function requestSelector(ref: RevisionRef, extra?: string): string {
  const parts = [revisionMatchers(ref), QUEUE_PROXY_MATCHER[ref.metricSet], extra ?? ""].filter((p) => p !== "");
  return `{${parts.join(",")}}`;
}

/** Requests per second reaching the revision's pods (queue-proxy count), summed over pods. */
export function requestRateQuery(ref: RevisionRef, window: string): string {
  const m = REQUEST_METRICS[ref.metricSet];
  return `sum(rate(${m.count}${requestSelector(ref)}[${checkWindow(window)}]))`;
}

/** 5xx responses per second (queue-proxy overload 503s included). */
export function errorRateQuery(ref: RevisionRef, window: string): string {
  const m = REQUEST_METRICS[ref.metricSet];
  return `sum(rate(${m.count}${requestSelector(ref, m.errorMatcher)}[${checkWindow(window)}]))`;
}

/** Share of responses that were 5xx (0..1); 0 when there were requests and no errors, empty when idle. */
export function errorRatioQuery(ref: RevisionRef, window: string): string {
  return `(${errorRateQuery(ref, window)} or ${requestRateQuery(ref, window)} * 0) / ${requestRateQuery(ref, window)}`;
}

/** Latency quantile `q` (0..1) in seconds, from the queue-proxy histogram (ms in OpenCensus). */
export function latencyQuantileQuery(ref: RevisionRef, q: number, window: string): string {
  if (!(q > 0 && q < 1)) throw new Error(`knative: latency quantile must be between 0 and 1, got ${q}`);
  const m = REQUEST_METRICS[ref.metricSet];
  const inner = `histogram_quantile(${q}, sum by (le) (rate(${m.bucket}${requestSelector(ref)}[${checkWindow(window)}])))`;
  return m.latencyUnitSeconds === 1 ? inner : `${inner} * ${m.latencyUnitSeconds}`;
}

/**
 * Rate window for a chart step: two steps, and at least 2 minutes, so rate() finds two samples even
 * where counters arrive once a minute (Knative's OTLP export every 60 s, or coarse backfilled history).
 */
export function rateWindowFor(stepSeconds: number): string {
  return `${Math.max(120, Math.ceil(stepSeconds) * 2)}s`;
}
