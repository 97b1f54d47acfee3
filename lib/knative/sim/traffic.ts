/**
 * Synthetic request traffic per revision: deterministic functions of (seed, key, t), t in unix
 * seconds. No state, so a second's traffic is the same however the simulation got there.
 */
import { noise } from "./random";

export type TrafficShape =
  /** A constant rate with ± `jitter` (a fraction) of per-second noise. */
  | { kind: "steady"; rps: number; jitter: number }
  /** A cosine day: `maxRps` at `peakSecondOfPeriod` (seconds after a multiple of the period, UTC), `minRps` half a period later. */
  | { kind: "diurnal"; minRps: number; maxRps: number; periodSeconds: number; peakSecondOfPeriod: number; jitter: number }
  /** `baseRps`, plus one burst of `burstSeconds` at `burstRps` somewhere in every `everySeconds` (position varies per period). */
  | { kind: "bursty"; baseRps: number; burstRps: number; everySeconds: number; burstSeconds: number; jitter: number }
  /**
   * Nothing, except one active stretch per period (length `activeSeconds` × 0.5–1.5, position varies)
   * at `rps` with occasional 3× spikes; `skipRatio` of the periods stay idle altogether.
   */
  | { kind: "spiky-to-zero"; rps: number; periodSeconds: number; activeSeconds: number; skipRatio: number; jitter: number };

const SALT_JITTER = 1;
const SALT_WHERE = 2;
const SALT_ROUND = 3;
const SALT_LENGTH = 4;
const SALT_SPIKE = 5;
const SALT_SKIP = 6;

function jittered(rate: number, jitter: number, seed: number, key: number, t: number): number {
  return Math.max(0, rate * (1 + jitter * (2 * noise(seed, key, t, SALT_JITTER) - 1)));
}

/** Where the burst of period `p` starts, in seconds after the period's start. */
export function burstOffset(shape: { everySeconds: number; burstSeconds: number }, seed: number, key: number, p: number): number {
  const room = Math.max(0, shape.everySeconds - shape.burstSeconds);
  return Math.floor(noise(seed, key, p, SALT_WHERE) * room);
}

/** The active stretch of period `p` of a spiky-to-zero shape, as [start, end) unix seconds, or undefined when idle. */
export function activeStretch(
  shape: Extract<TrafficShape, { kind: "spiky-to-zero" }>,
  seed: number,
  key: number,
  p: number,
): [number, number] | undefined {
  if (noise(seed, key, p, SALT_SKIP) < shape.skipRatio) return undefined;
  const length = Math.round(shape.activeSeconds * (0.5 + noise(seed, key, p, SALT_LENGTH)));
  const room = Math.max(0, shape.periodSeconds - length);
  const start = p * shape.periodSeconds + Math.floor(noise(seed, key, p, SALT_WHERE) * room);
  return [start, start + length];
}

/** The expected request rate (requests/s) during second t. */
export function rateAt(shape: TrafficShape, seed: number, key: number, t: number): number {
  switch (shape.kind) {
    case "steady":
      return jittered(shape.rps, shape.jitter, seed, key, t);
    case "diurnal": {
      const phase = (2 * Math.PI * (t - shape.peakSecondOfPeriod)) / shape.periodSeconds;
      const base = shape.minRps + ((shape.maxRps - shape.minRps) * (1 + Math.cos(phase))) / 2;
      return jittered(base, shape.jitter, seed, key, t);
    }
    case "bursty": {
      const p = Math.floor(t / shape.everySeconds);
      const into = t - p * shape.everySeconds;
      const off = burstOffset(shape, seed, key, p);
      const inBurst = into >= off && into < off + shape.burstSeconds;
      return jittered(inBurst ? shape.burstRps : shape.baseRps, shape.jitter, seed, key, t);
    }
    case "spiky-to-zero": {
      const p = Math.floor(t / shape.periodSeconds);
      const stretch = activeStretch(shape, seed, key, p);
      if (!stretch || t < stretch[0] || t >= stretch[1]) return 0;
      const spike = noise(seed, key, t, SALT_SPIKE) < 0.08 ? 3 : 1;
      return jittered(shape.rps * spike, shape.jitter, seed, key, t);
    }
  }
}

/** Whole requests arriving during second t: the rate rounded up or down by seeded noise (mean = rate). */
export function arrivalsAt(shape: TrafficShape, seed: number, key: number, t: number): number {
  const rate = rateAt(shape, seed, key, t);
  return Math.floor(rate + noise(seed, key, t, SALT_ROUND));
}
