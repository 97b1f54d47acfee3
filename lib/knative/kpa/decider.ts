import type { DeciderSpec } from "./config";
import { TICK_SECONDS } from "./config";

/**
 * Knative's autoscaler `Scale()` (pkg/autoscaler/scaling/autoscaler.go), notes §2f: one decision from the
 * window averages and the ready pod count. Times are integer unix seconds.
 */

/** Max over the last `ceil(delay / 2 s)` 2-second slots (aggregation/max/timewindow.go). */
export class MaxTimeWindow {
  private readonly slots: number;
  private readonly granularity: number;
  private entries: { index: number; value: number }[] = [];
  constructor(windowSeconds: number, granularitySeconds = TICK_SECONDS) {
    this.slots = Math.ceil(windowSeconds / granularitySeconds);
    this.granularity = granularitySeconds;
  }

  record(t: number, value: number): void {
    const index = Math.floor(t / this.granularity);
    // A monotonic deque: a smaller older value can never be the max again.
    while (this.entries.length > 0 && value >= (this.entries[this.entries.length - 1]?.value ?? -Infinity)) {
      this.entries.pop();
    }
    while (this.entries.length > 0 && index - (this.entries[0]?.index ?? index) >= this.slots) this.entries.shift();
    this.entries.push({ index, value });
  }

  current(): number {
    return this.entries[0]?.value ?? 0;
  }
}

export interface DeciderInput {
  t: number;
  /** Ready pods (endpoints of the private service), raw. */
  readyPods: number;
  /** Window averages of the revision total (concurrency or rps); null when there is no data. */
  stable: number | null;
  panic: number | null;
}

export interface Decision {
  desiredPods: number;
  ebc: number;
  stable: number;
  panic: number;
  panicMode: boolean;
  dspc: number;
  dppc: number;
  maxUp: number;
  maxDown: number;
  /** Set at the tick that entered panic. */
  panicEntered?: { panic: number; readyPods: number; target: number; threshold: number };
}

export class Decider {
  readonly spec: DeciderSpec;
  private panicTime: number | null = null;
  private maxPanicPods: number;
  private readonly delayWindow: MaxTimeWindow | null;
  /** Last valid decision; -1 until the first one (Knative's `DesiredScale`). */
  desiredScale = -1;
  /** Last EBC; before the first decision, the initial estimate from InitialScale (multiscaler.go). */
  ebc: number;

  constructor(spec: DeciderSpec, t: number, readyPods: number) {
    this.spec = spec;
    // Restart safety: a decider created over more than one ready pod starts in panic, so it cannot
    // scale down before a full stable window of data.
    if (readyPods > 1) this.panicTime = t;
    this.maxPanicPods = readyPods;
    this.delayWindow = spec.scaleDownDelaySeconds > 0 ? new MaxTimeWindow(spec.scaleDownDelaySeconds) : null;
    const tbc = spec.targetBurstCapacity;
    this.ebc = tbc === -1 || tbc === 0 ? tbc : spec.initialScale * spec.totalValue - tbc;
  }

  get panicMode(): boolean {
    return this.panicTime !== null;
  }

  /** One decision; null (INVALID) when there is no data, in which case nothing changes. */
  scale(input: DeciderInput): Decision | null {
    const { t, readyPods: ready, stable, panic } = input;
    if (stable === null || panic === null) return null;
    const s = this.spec;
    const readyF = Math.max(1, ready);
    const maxUp = Math.ceil(s.maxScaleUpRate * readyF);
    const maxDown = s.reachable ? Math.floor(readyF / s.maxScaleDownRate) : 0;
    const dspc = Math.ceil(stable / s.targetValue);
    const dppc = Math.ceil(panic / s.targetValue);
    let desStable = Math.trunc(Math.min(Math.max(dspc, maxDown), maxUp));
    let desPanic = Math.trunc(Math.min(Math.max(dppc, maxDown), maxUp));
    if (s.activationScale > 1) {
      if (dspc > 0 && desStable < s.activationScale) desStable = s.activationScale;
      if (dppc > 0 && desPanic < s.activationScale) desPanic = s.activationScale;
    }
    const over = dppc / readyF >= s.panicThreshold; // raw dppc, not clamped
    let panicEntered: Decision["panicEntered"];
    if (this.panicTime === null && over) {
      this.panicTime = t;
      panicEntered = { panic, readyPods: ready, target: s.targetValue, threshold: s.panicThreshold };
    } else if (over) {
      this.panicTime = t;
    } else if (this.panicTime !== null && this.panicTime + s.stableWindowSeconds < t) {
      this.panicTime = null;
      this.maxPanicPods = 0;
    }
    let desired = desStable;
    if (this.panicTime !== null) {
      desired = Math.max(desStable, desPanic);
      // Never scale down in panic.
      if (desired > this.maxPanicPods) this.maxPanicPods = desired;
      desired = this.maxPanicPods;
    }
    if (s.reachable && this.delayWindow) {
      this.delayWindow.record(t, desired);
      desired = this.delayWindow.current();
    }
    const tbc = s.targetBurstCapacity;
    const ebc = tbc === 0 ? 0 : tbc > 0 ? Math.floor(ready * s.totalValue - tbc - panic) : -1;
    this.desiredScale = desired;
    this.ebc = ebc;
    return {
      desiredPods: desired,
      ebc,
      stable,
      panic,
      panicMode: this.panicTime !== null,
      dspc,
      dppc,
      maxUp,
      maxDown,
      ...(panicEntered ? { panicEntered } : {}),
    };
  }
}
