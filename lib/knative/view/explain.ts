import type { PanicEntry, RevisionEvents } from "./events";
import type { ViewSettings } from "./settings";
import { signal, type Timeline } from "./timeline";

/** A number for prose: integers as they are, others to 3 significant digits ("43.3", "0.125"). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(3)));
}

function plural(n: number, word: string): string {
  return `${formatNumber(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** "panic: 6s average 412 ≥ 2 × 10 pods × 7 target" (the panic entry condition with the sampled values). */
export function describePanicEntry(e: PanicEntry): string {
  const capacity = `${formatNumber(e.threshold)} × ${plural(Math.max(1, e.readyPods), "pod")} × ${formatNumber(e.target)} target`;
  if (e.holds) return `panic: ${e.panicWindowSeconds}s average ${formatNumber(e.panic)} ≥ ${capacity}`;
  return `panic: began between samples (at the next sample the ${e.panicWindowSeconds}s average was ${formatNumber(e.panic)}, threshold ${capacity})`;
}

export type TimeFormatter = (unixSeconds: number) => string;

const isoTime: TimeFormatter = (s) => new Date(s * 1000).toISOString().slice(11, 19);

function at<T>(values: ReadonlyArray<T | null>, i: number): T | null {
  return values[i] ?? null;
}

/** The nearest sample index to `t`, or -1 when the timeline is empty. */
export function indexAt(timeline: Timeline, t: number): number {
  if (timeline.times.length === 0) return -1;
  const i = Math.round((t - timeline.times[0]!) / timeline.stepS);
  return Math.min(timeline.times.length - 1, Math.max(0, i));
}

function stableLine(timeline: Timeline, i: number, settings: ViewSettings): string | null {
  const stable = at(signal(timeline, "stable"), i);
  const target = at(signal(timeline, "target"), i);
  const ready = at(timeline.values.ready, i);
  if (stable === null || target === null || ready === null || !(target > 0)) return null;
  const unit = timeline.mode === "rps" ? "requests/s" : "concurrent requests";
  const perPod = stable / Math.max(1, ready);
  const wanted = Math.ceil(stable / target);
  return `stable: ${settings.stableWindowSeconds}s average ${formatNumber(stable)} ${unit} over ${plural(ready, "ready pod")} = ${formatNumber(perPod)} per pod vs target ${formatNumber(target)} per pod → ceil(${formatNumber(stable)} / ${formatNumber(target)}) = ${plural(wanted, "pod")}`;
}

/**
 * Explains one moment of a revision in words (one line per fact): panic and why, the stable
 * average against the target, the activator in the path, scale to zero, pods on their way, and
 * the containerConcurrency limit.
 */
export function explainMoment(timeline: Timeline, events: RevisionEvents, settings: ViewSettings, t: number, formatTime: TimeFormatter = isoTime): string[] {
  const i = indexAt(timeline, t);
  if (i < 0) return [];
  const lines: string[] = [];
  const band = events.panic.find((b) => t >= b.startS && t < b.endS);
  if (band) {
    const why = band.entry ? describePanicEntry(band.entry) : "panic: already in panic mode when the range starts";
    lines.push(`${why} (since ${formatTime(band.startS)}); pods do not scale down until the panic average stays below ${formatNumber(settings.panicThreshold)}× capacity for ${settings.stableWindowSeconds}s`);
  }
  const stable = stableLine(timeline, i, settings);
  if (stable) lines.push(stable);
  const ebc = at(timeline.values.ebc, i);
  if (ebc !== null && ebc < 0) {
    // Without a configured containerConcurrency the per-pod capacity is not known here: say what the formula is.
    const capacity = settings.containerConcurrency === null ? "per-pod capacity" : `${formatNumber(settings.totalValue)} capacity`;
    const tbc = settings.configured ? `${formatNumber(settings.targetBurstCapacity)} target burst capacity` : "target burst capacity";
    lines.push(`activator in path: excess burst capacity ${formatNumber(ebc)} < 0 (ready pods × ${capacity} − ${tbc} − panic concurrency)`);
  }
  const ready = at(timeline.values.ready, i);
  const desired = at(timeline.values.desired, i);
  const requested = at(timeline.values.requested, i);
  if (ready === 0) lines.push(desired !== null && desired > 0 ? "cold start: no pod is ready yet; requests wait in the activator" : "scaled to zero: requests are held by the activator until a pod is ready");
  if (ready !== null && requested !== null && requested > ready) {
    const pending = at(timeline.values.pending, i) ?? 0;
    lines.push(`scaling up: ${plural(requested, "pod")} requested, ${formatNumber(ready)} ready, ${formatNumber(pending)} pending`);
  }
  if (desired !== null && requested !== null && desired !== requested) {
    lines.push(`requested ${formatNumber(requested)} ≠ desired ${formatNumber(desired)}: min/max scale bounds or the scale-to-zero rules apply`);
  }
  const cc = settings.containerConcurrency;
  const panicTotal = at(signal(timeline, "panic"), i);
  if (timeline.mode === "concurrency" && cc !== null && cc > 0 && panicTotal !== null && ready !== null && ready > 0 && panicTotal / ready >= cc) {
    lines.push(`at the containerConcurrency limit: ${formatNumber(panicTotal / ready)} per pod ≥ ${cc}; queue-proxy queues up to ${10 * cc} per pod, then answers 503`);
  }
  return lines;
}
