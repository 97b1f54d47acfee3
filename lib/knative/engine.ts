import { TimedBuckets } from "./kpa/buckets";
import {
  resolveDeciderSpec,
  resolvePodAutoscalerSpec,
  revisionSettingsSchema,
  SettingsError,
  type AutoscalerConfig,
  type DeciderSpec,
  type RevisionSettings,
} from "./kpa/config";
import { Decider } from "./kpa/decider";
import { PodAutoscaler, type PaState } from "./kpa/pod-autoscaler";

/**
 * One Knative revision, second by second: the KPA decider (2 s ticks + poke), the PodAutoscaler reconcile
 * (bounds, scale to zero, SKS serve/proxy) and a deterministic pod lifecycle. Pure and deterministic.
 */

export interface PodModel {
  /** Seconds from creation (pending) to ready. */
  startupSeconds: number;
  /** Seconds a deleted pod stays terminating (queue-proxy drain); default 30. */
  terminationSeconds?: number;
}

export interface RevisionModel {
  settings: RevisionSettings;
  config?: Partial<AutoscalerConfig>;
  pods: PodModel;
  /** Referenced by a route (default true). Unreachable: no scale-down limit, min/initial scale ignored. */
  reachable?: boolean;
  /**
   * Pods already ready at the start (a revision that has been serving for a while); default 0, a new
   * revision whose Deployment starts at the initial scale. With more than one, the decider starts in
   * panic mode, as a restarted Knative autoscaler does.
   */
  startReadyPods?: number;
}

/** The revision's true total in-flight concurrency averaged over second `t`, and requests/s. */
export interface SecondSample {
  t: number;
  concurrency: number;
  rps: number;
}

export interface RevisionSecond {
  t: number;
  /** Decider output (autoscaler_desired_pods), before bounds; -1 until the first valid decision. */
  desiredPods: number;
  /** PA want after bounds / scale to zero (autoscaler_requested_pods); the last known value while unknown. */
  requestedPods: number;
  /** Pod counts during second `t` (what the decider and the traffic saw). notReady = pending + terminating. */
  readyPods: number;
  pendingPods: number;
  notReadyPods: number;
  terminatingPods: number;
  /** Window averages of the revision total (concurrency, or rps when metric=rps); frozen between ticks. */
  stable: number;
  panic: number;
  target: number;
  ebc: number;
  panicMode: boolean;
  activatorInPath: boolean;
  /** A valid decider tick (or poke) ran at this second. */
  decided: boolean;
  panicEntered?: { panic: number; readyPods: number; target: number; threshold: number };
  /** PodAutoscaler Active condition: activating (Unknown), active (True), inactive (False). */
  paState: PaState;
}

interface Pod {
  seq: number;
  readyAt: number;
  goneAt: number | null; // set when terminating
}

function validateModel(model: RevisionModel): void {
  const parsed = revisionSettingsSchema.safeParse(model.settings);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((i) => ({ annotation: String(i.path[0] ?? "settings"), message: i.message })));
  }
  const { startupSeconds, terminationSeconds } = model.pods;
  if (!(Number.isFinite(startupSeconds) && startupSeconds >= 0)) {
    throw new RangeError(`pods.startupSeconds must be a number ≥ 0, got ${startupSeconds}`);
  }
  if (terminationSeconds !== undefined && !(Number.isFinite(terminationSeconds) && terminationSeconds >= 0)) {
    throw new RangeError(`pods.terminationSeconds must be a number ≥ 0, got ${terminationSeconds}`);
  }
  const start = model.startReadyPods ?? 0;
  if (!(Number.isInteger(start) && start >= 0)) throw new RangeError(`startReadyPods must be a whole number ≥ 0, got ${start}`);
}

export class RevisionEngine {
  readonly spec: DeciderSpec;
  private readonly stableBuckets: TimedBuckets;
  private readonly panicBuckets: TimedBuckets;
  private readonly decider: Decider;
  private readonly pa: PodAutoscaler;
  private readonly startup: number;
  private readonly termination: number;
  private pods: Pod[] = [];
  private seq = 0;
  private nextT: number;
  private last = { stable: 0, panic: 0, panicMode: false };

  constructor(model: RevisionModel, startT: number) {
    if (!Number.isInteger(startT)) throw new RangeError(`startT must be whole unix seconds, got ${startT}`);
    validateModel(model);
    const reachable = model.reachable ?? true;
    this.spec = resolveDeciderSpec(model.settings, model.config, reachable);
    const paSpec = resolvePodAutoscalerSpec(model.settings, model.config, reachable);
    this.stableBuckets = new TimedBuckets(this.spec.stableWindowSeconds);
    this.panicBuckets = new TimedBuckets(this.spec.panicWindowSeconds);
    this.startup = model.pods.startupSeconds;
    this.termination = model.pods.terminationSeconds ?? 30;
    const warm = model.startReadyPods ?? 0;
    for (let i = 0; i < warm; i++) this.pods.push({ seq: this.seq++, readyAt: startT, goneAt: null });
    this.decider = new Decider(this.spec, startT, warm);
    this.last.panicMode = this.decider.panicMode;
    this.pa = new PodAutoscaler(paSpec, { t: startT, readyPods: warm });
    this.nextT = startT;
    // The Deployment exists before the first second: its pods are pending from startT.
    this.scalePods(startT - 1, this.pa.replicas);
  }

  /** Pods able to take traffic during the coming second. */
  get readyPods(): number {
    return this.counts(this.nextT).ready;
  }

  /** The second the next `step` expects. */
  get expectedT(): number {
    return this.nextT;
  }

  private counts(t: number): { ready: number; pending: number; terminating: number } {
    let ready = 0;
    let pending = 0;
    let terminating = 0;
    for (const p of this.pods) {
      if (p.goneAt !== null) {
        if (p.goneAt > t) terminating++;
      } else if (p.readyAt <= t) ready++;
      else pending++;
    }
    return { ready, pending, terminating };
  }

  /**
   * Deployment controller after the reconcile at second `t`: changes show from second t+1, so a new pod is
   * pending for exactly `startupSeconds` seconds and a deleted one terminating for `terminationSeconds`.
   * Deletes pending pods first, then the newest.
   */
  private scalePods(t: number, replicas: number): void {
    const from = t + 1;
    this.pods = this.pods.filter((p) => p.goneAt === null || p.goneAt > from);
    const alive = this.pods.filter((p) => p.goneAt === null);
    if (replicas > alive.length) {
      for (let i = alive.length; i < replicas; i++) this.pods.push({ seq: this.seq++, readyAt: from + this.startup, goneAt: null });
    } else if (replicas < alive.length) {
      const victims = [...alive].sort((a, b) => Number(b.readyAt > from) - Number(a.readyAt > from) || b.seq - a.seq);
      for (const p of victims.slice(0, alive.length - replicas)) p.goneAt = from + this.termination;
    }
  }

  step(sample: SecondSample): RevisionSecond {
    const { t } = sample;
    if (t !== this.nextT) throw new RangeError(`samples must be consecutive seconds: expected t=${this.nextT}, got ${t}`);
    if (!Number.isFinite(sample.concurrency) || !Number.isFinite(sample.rps) || sample.concurrency < 0 || sample.rps < 0) {
      throw new RangeError(`sample at t=${t} must have finite, non-negative concurrency and rps`);
    }
    const c = this.counts(t);
    // With no ready pods there is nothing to scrape: only the activator reports, and only with traffic.
    const recorded = c.ready > 0 || sample.concurrency > 0 || sample.rps > 0;
    if (recorded) {
      const v = this.spec.metric === "rps" ? sample.rps : sample.concurrency;
      this.stableBuckets.record(t, v);
      this.panicBuckets.record(t, v);
    }
    const poke = recorded && this.decider.desiredScale === 0 && sample.concurrency !== 0;
    let decided = false;
    let panicEntered: RevisionSecond["panicEntered"];
    if (t % 2 === 0 || poke) {
      // ErrNoData only for scraped revisions; with TBC = -1 nothing is scraped (the activator sees all).
      const noData = this.stableBuckets.isEmpty(t) && this.spec.targetBurstCapacity !== -1;
      const algo = this.spec.aggregation;
      const d = this.decider.scale({
        t,
        readyPods: c.ready,
        stable: noData ? null : this.stableBuckets.windowAverage(t, algo),
        panic: noData ? null : this.panicBuckets.windowAverage(t, algo),
      });
      if (d) {
        decided = true;
        this.last = { stable: d.stable, panic: d.panic, panicMode: d.panicMode };
        panicEntered = d.panicEntered;
      }
    }
    const r = this.pa.reconcile({ t, desiredScale: this.decider.desiredScale, ebc: this.decider.ebc, readyPods: c.ready });
    this.scalePods(t, r.replicas);
    this.nextT = t + 1;
    return {
      t,
      desiredPods: this.decider.desiredScale,
      requestedPods: r.requestedPods,
      readyPods: c.ready,
      pendingPods: c.pending,
      notReadyPods: c.pending + c.terminating,
      terminatingPods: c.terminating,
      stable: this.last.stable,
      panic: this.last.panic,
      target: this.spec.targetValue,
      ebc: this.decider.ebc,
      panicMode: this.last.panicMode,
      activatorInPath: r.sksMode === "proxy",
      decided,
      ...(panicEntered ? { panicEntered } : {}),
      paState: r.state,
    };
  }
}

/** The same engine over recorded samples: `replay(model, samples)[i]` is what `step(samples[i])` returns. */
export function replay(model: RevisionModel, samples: SecondSample[]): RevisionSecond[] {
  const first = samples[0];
  if (!first) return [];
  const engine = new RevisionEngine(model, first.t);
  return samples.map((s) => engine.step(s));
}
