/**
 * The simulated cluster: six revisions in three namespaces, one per traffic pattern the Knative
 * view must explain (steady, diurnal, bursty with panics, spiky with scale-to-zero, low traffic
 * with the activator in the path, and one revision scaled on requests per second).
 */
import type { RevisionSettings } from "@/lib/knative/kpa/config";
import type { PodModel } from "@/lib/knative/engine";
import type { RevisionIdentity } from "./metric-sets";
import type { TrafficShape } from "./traffic";

export interface SimRevisionSpec extends RevisionIdentity {
  /** spec.template.spec.containerConcurrency (0 = unlimited). */
  containerConcurrency: number;
  /** Autoscaling settings as the engine reads them (the annotations below, parsed). */
  settings: RevisionSettings;
  pods: PodModel;
  traffic: TrafficShape;
  /** Mean time in the user container, s. */
  serviceSeconds: number;
  /** Share of requests the user container answers with 500. */
  errorRatio: number;
  /** How long the activator holds a request waiting for a pod (the revision's timeoutSeconds), s. */
  timeoutSeconds: number;
  /** Size of the pod-name pool; the revision's max-scale. */
  maxPods: number;
}

const DAY = 86_400;

function rev(namespace: string, service: string, generation: number): RevisionIdentity {
  const revision = `${service}-${String(generation).padStart(5, "0")}`;
  return { namespace, service, configuration: service, revision };
}

export const SCENARIO: readonly SimRevisionSpec[] = [
  {
    ...rev("shop", "checkout", 1),
    containerConcurrency: 10,
    settings: { containerConcurrency: 10, minScale: 1, maxScale: 10 },
    pods: { startupSeconds: 5 },
    traffic: { kind: "steady", rps: 120, jitter: 0.15 },
    serviceSeconds: 0.1,
    errorRatio: 0,
    timeoutSeconds: 300,
    maxPods: 10,
  },
  {
    ...rev("shop", "search", 3),
    containerConcurrency: 0,
    settings: { target: 4, window: 120, maxScale: 8 },
    pods: { startupSeconds: 4 },
    // Peak at 14:00 UTC, trough at 02:00.
    traffic: { kind: "diurnal", minRps: 10, maxRps: 150, periodSeconds: DAY, peakSecondOfPeriod: 14 * 3600, jitter: 0.2 },
    serviceSeconds: 0.06,
    errorRatio: 0.005,
    timeoutSeconds: 300,
    maxPods: 8,
  },
  {
    ...rev("shop", "recommend", 2),
    containerConcurrency: 0,
    settings: { metric: "rps", target: 20, minScale: 1, maxScale: 10 },
    pods: { startupSeconds: 8 },
    traffic: { kind: "steady", rps: 25, jitter: 0.3 },
    serviceSeconds: 0.03,
    errorRatio: 0,
    timeoutSeconds: 300,
    maxPods: 10,
  },
  {
    ...rev("media", "thumbnailer", 2),
    containerConcurrency: 5,
    // TBC 0: the activator leaves the path as soon as a pod is up, so bursts hit queue-proxy's
    // breaker directly and overflow its 10×CC queue with 503s.
    settings: { containerConcurrency: 5, targetBurstCapacity: 0, maxScale: 8 },
    pods: { startupSeconds: 6 },
    traffic: { kind: "bursty", baseRps: 3, burstRps: 40, everySeconds: 600, burstSeconds: 40, jitter: 0.2 },
    serviceSeconds: 0.4,
    errorRatio: 0,
    timeoutSeconds: 300,
    maxPods: 8,
  },
  {
    ...rev("media", "transcode", 1),
    containerConcurrency: 4,
    settings: { containerConcurrency: 4, maxScale: 6 },
    pods: { startupSeconds: 12 },
    traffic: { kind: "spiky-to-zero", rps: 1.5, periodSeconds: 1800, activeSeconds: 300, skipRatio: 0.3, jitter: 0.5 },
    serviceSeconds: 2.5,
    errorRatio: 0,
    timeoutSeconds: 300,
    maxPods: 6,
  },
  {
    ...rev("default", "hello", 1),
    containerConcurrency: 0,
    settings: {},
    pods: { startupSeconds: 3 },
    traffic: { kind: "steady", rps: 0.4, jitter: 1 },
    serviceSeconds: 0.015,
    errorRatio: 0,
    timeoutSeconds: 300,
    maxPods: 4,
  },
];

const ANNOTATION_KEYS: Partial<Record<keyof RevisionSettings, string>> = {
  metric: "metric",
  target: "target",
  targetUtilizationPercentage: "target-utilization-percentage",
  window: "window",
  panicWindowPercentage: "panic-window-percentage",
  panicThresholdPercentage: "panic-threshold-percentage",
  minScale: "min-scale",
  maxScale: "max-scale",
  initialScale: "initial-scale",
  activationScale: "activation-scale",
  scaleDownDelay: "scale-down-delay",
  scaleToZeroPodRetentionPeriod: "scale-to-zero-pod-retention-period",
  targetBurstCapacity: "target-burst-capacity",
  aggregation: "metric-aggregation-algorithm",
};
const DURATION_KEYS = new Set<keyof RevisionSettings>(["window", "scaleDownDelay", "scaleToZeroPodRetentionPeriod"]);

/** The revision's `autoscaling.knative.dev/*` annotations, as they would appear in its manifest. */
export function annotationsOf(spec: SimRevisionSpec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(spec.settings) as [keyof RevisionSettings, unknown][]) {
    const name = ANNOTATION_KEYS[key];
    if (!name || value === undefined) continue;
    out[`autoscaling.knative.dev/${name}`] = DURATION_KEYS.has(key) ? `${String(value)}s` : String(value);
  }
  return out;
}
