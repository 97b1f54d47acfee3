/**
 * A fluid, per-second model of the request path of one revision: the activator's buffer (cold
 * start, or in the path when excess burst capacity < 0) and queue-proxy's breaker on each ready pod
 * (at most containerConcurrency in the user container, up to 10 × CC more queued, 503 past that;
 * CC = 0 is unlimited and has no breaker). Requests are counted in cohorts (arrival second, count),
 * so waiting times, and with them latencies, come from FIFO order rather than a formula.
 */

/** queue-proxy's breaker queue holds this many requests per unit of containerConcurrency (notes §2a). */
export const QUEUE_DEPTH_FACTOR = 10;

export interface QueueConfig {
  /** 0 = unlimited (no breaker). */
  containerConcurrency: number;
  /** Time a request spends in the user container, s. */
  serviceSeconds: number;
  /** How long the activator holds a request waiting for capacity before giving up with 504, s. */
  activatorTimeoutSeconds: number;
}

export interface QueueInput {
  t: number;
  arrivals: number;
  readyPods: number;
  activatorInPath: boolean;
}

/** Requests that entered the user container during the second. */
export interface StartedCohort {
  count: number;
  /** Seconds waited before entering the user container (activator buffer and/or breaker queue). */
  waitSeconds: number;
  viaActivator: boolean;
}

export interface QueueSecond {
  t: number;
  arrivals: number;
  started: StartedCohort[];
  /** Requests refused by queue-proxy with 503 ("pending request queue full"). */
  rejected: number;
  /** Requests the activator gave up on (504). */
  timedOut: number;
  /** Average requests inside user containers during the second. */
  busy: number;
  /** Waiting in breaker queues / in the activator at the end of the second. */
  queued: number;
  buffered: number;
  /** Total in-flight concurrency averaged over the second: containers + breaker queues + activator (each once). */
  concurrency: number;
  /** The part of `concurrency` that passes through the activator. */
  activatorConcurrency: number;
}

interface Cohort {
  arrivedT: number;
  count: number;
  viaActivator: boolean;
}

function total(cohorts: Cohort[]): number {
  let n = 0;
  for (const c of cohorts) n += c.count;
  return n;
}

export class QueueModel {
  private readonly queue: Cohort[] = []; // breaker queues (all pods together)
  private readonly buffer: Cohort[] = []; // activator
  /** starts[k − 1] = requests started k seconds ago (k ≥ 1), for requests longer than a second. */
  private readonly starts: number[];
  private readonly occupancy: number[];

  constructor(private readonly config: QueueConfig) {
    if (!(config.serviceSeconds > 0)) throw new Error(`serviceSeconds must be > 0, got ${config.serviceSeconds}`);
    if (!(config.containerConcurrency >= 0)) throw new Error(`containerConcurrency must be ≥ 0, got ${config.containerConcurrency}`);
    const span = Math.max(1, Math.ceil(config.serviceSeconds));
    // Share of second t+k that a request started at the beginning of second t spends in a container.
    this.occupancy = Array.from({ length: span }, (_, k) => Math.min(1, Math.max(0, config.serviceSeconds - k)));
    this.starts = new Array<number>(span).fill(0);
  }

  /** Breaker capacity of `readyPods` pods (in-container slots), Infinity when CC = 0. */
  slots(readyPods: number): number {
    return this.config.containerConcurrency > 0 ? readyPods * this.config.containerConcurrency : Infinity;
  }

  step(input: QueueInput): QueueSecond {
    const { t, readyPods } = input;
    const queuedBefore = total(this.queue);
    const bufferedBefore = total(this.buffer);
    let timedOut = 0;
    while (this.buffer.length > 0 && t - this.buffer[0]!.arrivedT >= this.config.activatorTimeoutSeconds) {
      timedOut += this.buffer.shift()!.count;
    }

    let carried = 0;
    for (let k = 1; k < this.occupancy.length; k++) carried += this.starts[k - 1]! * this.occupancy[k]!;
    const o0 = this.occupancy[0]!;
    let room = readyPods <= 0 ? 0 : Math.floor(Math.max(0, this.slots(readyPods) - carried) / o0);

    const started: StartedCohort[] = [];
    let startedTotal = 0;
    const take = (from: Cohort[]) => {
      while (room > 0 && from.length > 0) {
        const c = from[0]!;
        const n = Math.min(room, c.count);
        started.push({ count: n, waitSeconds: t - c.arrivedT, viaActivator: c.viaActivator });
        startedTotal += n;
        room -= n;
        c.count -= n;
        if (c.count === 0) from.shift();
      }
    };
    take(this.queue);
    take(this.buffer);

    const fresh: Cohort = { arrivedT: t, count: input.arrivals, viaActivator: readyPods <= 0 || input.activatorInPath };
    let rejected = 0;
    if (fresh.count > 0) {
      const pending = [fresh];
      take(pending);
      if (fresh.count > 0) {
        if (fresh.viaActivator) this.buffer.push(fresh);
        else {
          const space = Math.max(0, QUEUE_DEPTH_FACTOR * this.slots(readyPods) - total(this.queue));
          const admitted = Math.min(space, fresh.count);
          rejected = fresh.count - admitted;
          if (admitted > 0) this.queue.push({ ...fresh, count: admitted });
        }
      }
    }

    this.starts.pop();
    this.starts.unshift(startedTotal);
    const busy = carried + startedTotal * o0;
    const queued = total(this.queue);
    const buffered = total(this.buffer);
    let viaStarted = 0;
    for (const s of started) if (s.viaActivator) viaStarted += s.count;
    const bufferedAvg = (bufferedBefore + buffered) / 2;
    const activatorShare = startedTotal > 0 ? viaStarted / startedTotal : input.activatorInPath ? 1 : 0;
    return {
      t,
      arrivals: input.arrivals,
      started,
      rejected,
      timedOut,
      busy,
      queued,
      buffered,
      concurrency: busy + (queuedBefore + queued) / 2 + bufferedAvg,
      activatorConcurrency: bufferedAvg + busy * activatorShare,
    };
  }
}
