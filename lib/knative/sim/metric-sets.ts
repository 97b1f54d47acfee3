/**
 * The two name sets the simulator exports (notes §1): Knative ≤ 1.18 (OpenCensus) and ≥ 1.21
 * (OpenTelemetry through Prometheus). Names and label keys match lib/knative/metrics.ts.
 */
import type { RevisionMetric } from "@/lib/knative/metrics";

export type SimMetricSet = "opencensus" | "otel";
export const SIM_METRIC_SETS: readonly SimMetricSet[] = ["opencensus", "otel"];

export type FamilyType = "gauge" | "counter" | "histogram";

export interface Family {
  name: string;
  type: FamilyType;
  help: string;
}

export type LabelPairs = ReadonlyArray<readonly [string, string]>;

export interface RevisionIdentity {
  namespace: string;
  service: string;
  configuration: string;
  revision: string;
}

/** The autoscaler's per-revision gauges: the view's metric kinds except the activator's concurrency. */
export type GaugeKey = Exclude<RevisionMetric, "activatorConcurrency">;

export interface MetricSetDef {
  set: SimMetricSet;
  gauges: Record<GaugeKey, Family>;
  activatorConcurrency: Family;
  /** OpenCensus only: request counters (OTel has the histogram's `_count`). */
  activatorCount?: Family;
  activatorLatency: Family;
  proxyCount?: Family;
  proxyLatency: Family;
  appCount?: Family;
  appLatency: Family;
  queueDepth: Family;
  containerConcurrency: Family;
  /** Histogram bounds, in seconds; `latencyScale` converts seconds to the exported unit. */
  latencyBoundsSeconds: readonly number[];
  latencyScale: number;
  revisionLabels(rev: RevisionIdentity): LabelPairs;
  podLabels(pod: string, container: "activator" | "queue-proxy"): LabelPairs;
  codeLabels(code: number): LabelPairs;
}

// knative.dev/serving pkg/metrics: defaultLatencyDistribution (ms), used by activator and queue-proxy.
const KNATIVE_LATENCY_MS = [5, 10, 20, 40, 60, 80, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
// OTel semantic conventions' advice for http.server.request.duration (s), otelhttp's boundaries.
const OTEL_HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

const g = (name: string, help: string): Family => ({ name, type: "gauge", help });
const c = (name: string, help: string): Family => ({ name, type: "counter", help });
const h = (name: string, help: string): Family => ({ name, type: "histogram", help });

const OPENCENSUS: MetricSetDef = {
  set: "opencensus",
  gauges: {
    desired: g("autoscaler_desired_pods", "Number of pods autoscaler wants to allocate"),
    requested: g("autoscaler_requested_pods", "Number of pods autoscaler requested from Kubernetes"),
    ready: g("autoscaler_actual_pods", "Number of pods that are allocated currently"),
    notReady: g("autoscaler_not_ready_pods", "Number of pods that are not ready currently"),
    pending: g("autoscaler_pending_pods", "Number of pods that are pending currently"),
    terminating: g("autoscaler_terminating_pods", "Number of pods that are terminating currently"),
    stable: g("autoscaler_stable_request_concurrency", "Average of requests count per observed pod over the stable window"),
    panic: g("autoscaler_panic_request_concurrency", "Average of requests count per observed pod over the panic window"),
    target: g("autoscaler_target_concurrency_per_pod", "The desired number of concurrent requests for each pod"),
    stableRps: g("autoscaler_stable_requests_per_second", "Average requests-per-second per observed pod over the stable window"),
    panicRps: g("autoscaler_panic_requests_per_second", "Average requests-per-second per observed pod over the panic window"),
    targetRps: g("autoscaler_target_requests_per_second", "The desired requests-per-second for each pod"),
    ebc: g("autoscaler_excess_burst_capacity", "Excess burst capacity overserved over the stable window"),
    panicMode: g("autoscaler_panic_mode", "1 if autoscaler is in panic mode, 0 otherwise"),
  },
  activatorConcurrency: g("activator_request_concurrency", "Concurrent requests that are routed to Activator"),
  activatorCount: c("activator_request_count", "The number of requests that are routed to Activator"),
  activatorLatency: h("activator_request_latencies", "The response time in millisecond"),
  proxyCount: c("revision_request_count", "The number of requests that are routed to queue-proxy"),
  proxyLatency: h("revision_request_latencies", "The response time in millisecond"),
  appCount: c("revision_app_request_count", "The number of requests that are routed to user-container"),
  appLatency: h("revision_app_request_latencies", "The response time in millisecond"),
  queueDepth: g("revision_queue_depth", "The current number of items in the serving and waiting queue, or not reported if unavailable"),
  containerConcurrency: g(
    "orrery_sim_container_concurrency",
    "Simulator config, not a Knative metric: the revision's containerConcurrency (0 = unlimited)",
  ),
  latencyBoundsSeconds: KNATIVE_LATENCY_MS.map((ms) => ms / 1000),
  latencyScale: 1000,
  revisionLabels: (r) => [
    ["namespace_name", r.namespace],
    ["service_name", r.service],
    ["configuration_name", r.configuration],
    ["revision_name", r.revision],
  ],
  podLabels: (pod, container) => [
    ["pod_name", pod],
    ["container_name", container],
  ],
  codeLabels: (code) => [
    ["response_code", String(code)],
    ["response_code_class", `${Math.floor(code / 100)}xx`],
  ],
};

// Queue-proxy keeps revision and pod identity in the OTel *resource* (notes §1b caveat 2). We export
// them as labels on every series, as Prometheus does when it ingests OTLP with those resource
// attributes promoted (otlp.promote_resource_attributes: k8s.namespace.name, kn.service.name,
// kn.configuration.name, kn.revision.name, k8s.pod.name, k8s.container.name), so queue-proxy and
// activator series of the shared otelhttp name are told apart by k8s_container_name.
const OTEL: MetricSetDef = {
  set: "otel",
  gauges: {
    desired: g("kn_revision_pods_desired", "Number of pods the autoscaler wants to allocate"),
    requested: g("kn_revision_pods_requested", "Number of pods the autoscaler requested from Kubernetes"),
    ready: g("kn_revision_pods_count", "Number of pods that are allocated currently"),
    notReady: g("kn_revision_pods_not_ready_count", "Number of pods that are not ready currently"),
    pending: g("kn_revision_pods_pending_count", "Number of pods that are pending currently"),
    terminating: g("kn_revision_pods_terminating_count", "Number of pods that are terminating currently"),
    stable: g("kn_revision_concurrency_stable", "Average of request count per observed pod over the stable window"),
    panic: g("kn_revision_concurrency_panic", "Average of request count per observed pod over the panic window"),
    target: g("kn_revision_concurrency_target", "The desired number of concurrent requests for each pod"),
    stableRps: g("kn_revision_rps_stable_per_second", "Average of requests-per-second per observed pod over the stable window"),
    panicRps: g("kn_revision_rps_panic_per_second", "Average of requests-per-second per observed pod over the panic window"),
    targetRps: g("kn_revision_rps_target_per_second", "The desired requests-per-second for each pod"),
    ebc: g("kn_revision_capacity_excess", "Excess burst capacity observed over the stable window"),
    panicMode: g("kn_revision_panic_mode", "If greater than 0 the autoscaler is in panic mode"),
  },
  activatorConcurrency: g("kn_revision_request_concurrency", "Concurrent requests that are routed to the activator"),
  activatorLatency: h("http_server_request_duration_seconds", "Duration of HTTP server requests."),
  proxyLatency: h("http_server_request_duration_seconds", "Duration of HTTP server requests."),
  appLatency: h("kn_serving_invocation_duration_seconds", "The duration of invoking the user container"),
  queueDepth: g("kn_serving_queue_depth", "Number of current items in the queue proxy queue"),
  containerConcurrency: g(
    "orrery_sim_container_concurrency",
    "Simulator config, not a Knative metric: the revision's containerConcurrency (0 = unlimited)",
  ),
  latencyBoundsSeconds: OTEL_HTTP_SECONDS,
  latencyScale: 1,
  revisionLabels: (r) => [
    ["k8s_namespace_name", r.namespace],
    ["kn_service_name", r.service],
    ["kn_configuration_name", r.configuration],
    ["kn_revision_name", r.revision],
  ],
  podLabels: (pod, container) => [
    ["k8s_pod_name", pod],
    ["k8s_container_name", container],
  ],
  codeLabels: (code) => [
    ["http_request_method", "GET"],
    ["http_response_status_code", String(code)],
  ],
};
// The OTel set shares one family object for activator and queue-proxy so /metrics prints one TYPE.
OTEL.proxyLatency = OTEL.activatorLatency;

export const METRIC_SET_DEFS: Record<SimMetricSet, MetricSetDef> = { opencensus: OPENCENSUS, otel: OTEL };

/** Every family a set can export (each once), in exposition order. */
export function familiesOf(def: MetricSetDef): Family[] {
  const all = [
    ...Object.values(def.gauges),
    def.activatorConcurrency,
    def.activatorCount,
    def.activatorLatency,
    def.proxyCount,
    def.proxyLatency,
    def.appCount,
    def.appLatency,
    def.queueDepth,
    def.containerConcurrency,
  ];
  return [...new Set(all.filter((f): f is Family => f !== undefined))];
}
