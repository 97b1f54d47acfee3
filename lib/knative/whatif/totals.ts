/** Totals of one run (actual or predicted) over the replayed seconds. */
export interface RunTotals {
  /** Σ ready pods over the seconds: the cost of the run, in pod-seconds. */
  podSeconds: number;
  /**
   * Seconds in which demand exceeded what the ready pods could take: load > ready × per-pod
   * capacity, where capacity is containerConcurrency (the hard limit) when set, else the per-pod
   * target (the soft limit; for an rps revision, the rps target). Any demand with 0 ready pods counts.
   */
  overCapacitySeconds: number;
  /** Panic-mode entries (0 → 1) inside the range. */
  panics: number;
  /** Ready pods going 0 → >0 after demand arrived while there were none. */
  coldStarts: number;
}

export interface RunSeriesInput {
  /** Per second: ready pods. */
  ready: readonly number[];
  /** Per second: demand (total concurrency, or rps for an rps revision); the same for both runs. */
  load: readonly number[];
  /** Per second: per-pod capacity, or NaN where unknown (such seconds are not judged). */
  capacityPerPod: readonly number[];
  /** Per second: panic mode (1/0, or true/false). */
  panicMode: ReadonlyArray<number | boolean>;
  /** State just before the first second (the predicted run knows it from its warm-up). */
  before?: { ready: number; panic: boolean };
}

/** Sums a run's per-second series into its totals (see RunTotals for each definition). */
export function runTotals(input: RunSeriesInput): RunTotals {
  const { ready, load, capacityPerPod, panicMode } = input;
  let podSeconds = 0;
  let overCapacitySeconds = 0;
  let panics = 0;
  let coldStarts = 0;
  let prevPanic = input.before?.panic ?? Boolean(panicMode[0]);
  let prevReady = input.before?.ready ?? ready[0] ?? 0;
  // Demand seen while no pod was ready, since the last time pods were ready.
  let waitedAtZero = prevReady === 0 && (load[0] ?? 0) > 0;
  for (let i = 0; i < ready.length; i++) {
    const r = ready[i]!;
    const l = load[i] ?? 0;
    const cap = capacityPerPod[i] ?? NaN;
    podSeconds += r;
    if (l > 0 && (r === 0 || (Number.isFinite(cap) && l > r * cap))) overCapacitySeconds++;
    const panic = Boolean(panicMode[i]);
    if (panic && !prevPanic) panics++;
    prevPanic = panic;
    if (r === 0) {
      if (l > 0) waitedAtZero = true;
    } else {
      if (prevReady === 0 && waitedAtZero) coldStarts++;
      waitedAtZero = false;
    }
    prevReady = r;
  }
  return { podSeconds, overCapacitySeconds, panics, coldStarts };
}
