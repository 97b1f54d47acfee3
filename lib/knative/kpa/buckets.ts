/**
 * Knative's `TimedFloat64Buckets` (pkg/autoscaler/aggregation/bucketing.go) with 1 s granularity, as in
 * notes §2e. Times are integer unix seconds.
 */

/** Go's math.Round (half away from zero) to 6 decimals, as `roundToNDigits(6, x)`. */
export function round6(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 1e6)) / 1e6;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

export class TimedBuckets {
  readonly windowSeconds: number;
  private readonly buckets: number[];
  private total = 0;
  private firstWrite: number | null = null;
  private lastWrite: number | null = null;

  constructor(windowSeconds: number) {
    if (!(windowSeconds >= 1)) throw new RangeError(`window must be at least 1s, got ${windowSeconds}`);
    this.windowSeconds = windowSeconds;
    this.buckets = new Array<number>(Math.ceil(windowSeconds)).fill(0);
  }

  get size(): number {
    return this.buckets.length;
  }

  /** Adds `value` to the bucket of second `t` (several records in one second add up). */
  record(t: number, value: number): void {
    const bt = Math.floor(t);
    const W = this.windowSeconds;
    const n = this.buckets.length;
    if (this.lastWrite !== bt) {
      if (this.lastWrite !== null && !(bt + W > this.lastWrite)) return; // older than a window: dropped
      if (this.firstWrite === null || this.firstWrite > bt) this.firstWrite = bt;
      if (this.lastWrite === null || bt > this.lastWrite) {
        if (this.lastWrite === null || bt - this.lastWrite >= W) {
          // A gap of a whole window: start over.
          this.firstWrite = bt;
          this.buckets.fill(0);
          this.total = 0;
        } else {
          for (let i = this.lastWrite + 1; i <= bt; i++) {
            this.total -= this.buckets[mod(i, n)] ?? 0;
            this.buckets[mod(i, n)] = 0;
          }
        }
        this.lastWrite = bt;
      }
    }
    this.buckets[mod(bt, n)] = (this.buckets[mod(bt, n)] ?? 0) + value;
    this.total += value;
  }

  /** True when nothing was recorded within the last window (`IsEmpty`). */
  isEmpty(now: number): boolean {
    return this.lastWrite === null || Math.floor(now) - this.lastWrite > this.windowSeconds;
  }

  /** The linear average; with less than a window of history, divides by the seconds seen. */
  linearAverage(now: number): number {
    if (this.lastWrite === null || this.firstWrite === null) return 0;
    const t = Math.floor(now);
    const n = this.buckets.length;
    const d = t - this.lastWrite;
    const seen = this.lastWrite - this.firstWrite + 1;
    if (d <= 0) return round6(this.total / Math.min(seen, n));
    if (d < this.windowSeconds) {
      // The most recent seconds are missing: leave them out rather than count them as zeros.
      let r = this.total;
      for (let i = this.lastWrite + 1; i <= t; i++) r -= this.buckets[mod(i, n)] ?? 0;
      return round6(r / Math.min(seen, n - d));
    }
    return 0;
  }

  /** The "weighted-exponential" average; not renormalised, so a short history reads low. */
  weightedAverage(now: number): number {
    if (this.isEmpty(now) || this.lastWrite === null) return 0;
    const n = this.buckets.length;
    const alpha = smoothingCoefficient(n);
    const t = Math.floor(now);
    let m = alpha;
    let nb = n;
    if (t > this.lastWrite) {
      const z = t - this.lastWrite;
      m *= Math.pow(1 - alpha, z);
      nb -= z;
    }
    let r = 0;
    for (let k = 0; k < nb; k++) {
      r += (this.buckets[mod(this.lastWrite - k, n)] ?? 0) * m;
      m *= 1 - alpha;
    }
    return r;
  }

  windowAverage(now: number, algorithm: "linear" | "weighted-exponential"): number {
    return algorithm === "weighted-exponential" ? this.weightedAverage(now) : this.linearAverage(now);
  }
}

/** `max(1 - (1 - 0.9999)^(1/n), 0.2)`: 0.2 for 60 buckets, about 0.7846 for 6. */
export function smoothingCoefficient(buckets: number): number {
  return Math.max(1 - Math.pow(1 - 0.9999, 1 / buckets), 0.2);
}
