import type { PodAutoscalerSpec } from "./config";

/**
 * The KPA PodAutoscaler reconciler (pkg/reconciler/autoscaling/kpa/{kpa,scaler}.go), notes §2g: bounds,
 * initial scale, the scale-to-zero state machine and the SKS mode. Times are integer unix seconds; the
 * engine reconciles every second, which stands in for Knative's re-enqueues after a wait.
 */

export type PaState = "activating" | "active" | "inactive";
export type SksMode = "serve" | "proxy";

export interface ReconcileInput {
  t: number;
  /** The decider's last DesiredScale (-1 before its first valid decision). */
  desiredScale: number;
  /** The decider's last excess burst capacity. */
  ebc: number;
  readyPods: number;
}

export interface ReconcileResult {
  /** The PA's want after bounds and scale-to-zero handling; -1 when unknown. */
  want: number;
  /** autoscaler_requested_pods: `want`, or the last known value while want is -1. */
  requestedPods: number;
  /** The Deployment's replicas after this reconcile. */
  replicas: number;
  sksMode: SksMode;
  state: PaState;
}

export interface PodAutoscalerInit {
  t: number;
  /** Pods already ready at creation (a warm start); 0 for a new revision. */
  readyPods: number;
}

const applyBounds = (min: number, max: number, x: number) => (x < min ? min : max !== 0 && x > max ? max : x);

export class PodAutoscaler {
  readonly spec: PodAutoscalerSpec;
  state: PaState;
  private stateSince: number;
  private initialized: boolean;
  sksMode: SksMode = "proxy";
  private proxySince: number;
  replicas: number;
  requestedPods: number;

  constructor(spec: PodAutoscalerSpec, init: PodAutoscalerInit) {
    this.spec = spec;
    this.stateSince = init.t;
    this.proxySince = init.t;
    const warm = init.readyPods > 0;
    // Knative initialises the Active condition to Unknown (activating) and creates the Deployment at the
    // initial scale; a warm start is a revision that has been serving for a while.
    this.state = warm ? "active" : "activating";
    this.initialized = warm;
    const first = warm ? init.readyPods : Math.max(spec.initialScale, spec.minScale);
    this.replicas = spec.maxScale > 0 ? Math.min(first, spec.maxScale) : first;
    this.requestedPods = this.replicas;
  }

  /** The min bound before initialisation (scaler.go), ignoring initial scale once attained. */
  private bounds(): { min: number; max: number } {
    let min = this.spec.minScale;
    if (this.spec.initialScale > 1 && !this.initialized && this.spec.reachable) min = Math.max(min, this.spec.initialScale);
    return { min, max: this.spec.maxScale };
  }

  /** `handleScaleToZero`: [want, apply]. */
  private scaleToZero(t: number, want: number): [number, boolean] {
    if (want !== 0) return [want, true];
    const s = this.spec;
    if (!s.enableScaleToZero) return [1, true];
    const since = t - this.stateSince;
    if (this.state === "activating") {
      return since >= s.activationTimeoutSeconds ? [0, true] : [-1, false];
    }
    if (this.state === "active") {
      // Stay at 1 until active for a stable window, then go Inactive (and Proxy) without scaling yet.
      return since >= s.stableWindowSeconds ? [0, false] : [1, true];
    }
    // Inactive: the activator must be in the path (always so when TBC = -1).
    if (s.targetBurstCapacity !== -1 && this.sksMode !== "proxy") return [0, false];
    const retention = s.scaleToZeroPodRetentionPeriodSeconds;
    if (since >= Math.max(s.scaleToZeroGracePeriodSeconds, retention)) return [0, true];
    if (retention > since) return [0, false];
    const proxyFor = this.sksMode === "proxy" ? t - this.proxySince : 0;
    return [0, s.scaleToZeroGracePeriodSeconds - proxyFor <= 0]; // the "fast path"
  }

  private setState(t: number, next: PaState): void {
    if (next !== this.state) {
      this.state = next;
      this.stateSince = t;
    }
  }

  /** `computeActiveCondition`; `activeThreshold` uses the initial scale until it was once reached. */
  private updateState(t: number, want: number, ready: number): void {
    const minReady = Math.max(this.spec.minScale, this.initialized ? 1 : this.spec.initialScale);
    if (ready >= minReady) this.initialized = true;
    if (want === 0 || minReady === 0) this.setState(t, "inactive");
    else if (ready < minReady) {
      this.setState(t, want > 0 || this.state !== "inactive" ? "activating" : "inactive");
    } else if (want > 0 || this.state !== "inactive") this.setState(t, "active");
  }

  reconcile(input: ReconcileInput): ReconcileResult {
    const { t, desiredScale, ebc, readyPods } = input;
    let want = desiredScale;
    if (!(want < 0 && this.state !== "activating")) {
      const { min, max } = this.bounds();
      want = applyBounds(min, max, want);
      const [w, apply] = this.scaleToZero(t, want);
      want = w;
      // Knative would patch a negative count and fail; the model never applies one.
      if (apply && want >= 0) this.replicas = want;
    }
    const mode: SksMode = want === 0 || ebc < 0 || (want === -1 && this.state === "inactive") ? "proxy" : "serve";
    if (mode !== this.sksMode) {
      this.sksMode = mode;
      if (mode === "proxy") this.proxySince = t;
    }
    this.updateState(t, want, readyPods);
    if (want >= 0) this.requestedPods = want;
    return { want, requestedPods: this.requestedPods, replicas: this.replicas, sksMode: this.sksMode, state: this.state };
  }
}
