import { signal, type Timeline } from "./timeline";

/** A span of time on the chart, [startS, endS) in unix seconds. */
export interface Band {
  startS: number;
  endS: number;
}

/** Why panic started, read from the samples at entry (notes §2f: ceil(panic / target) ≥ threshold × max(1, ready)). */
export interface PanicEntry {
  t: number;
  panic: number;
  readyPods: number;
  target: number;
  threshold: number;
  panicWindowSeconds: number;
  /** Whether the sampled values satisfy the entry condition; false when panic began between samples. */
  holds: boolean;
}

export interface PanicBand extends Band {
  entry: PanicEntry | null;
}

export interface ScaleMark {
  t: number;
  kind: "scale-to-zero" | "cold-start";
  /** Cold start: seconds from the first sample asking for pods while none was ready, to the first ready pod. */
  waitSeconds?: number;
}

export interface RevisionEvents {
  panic: PanicBand[];
  activator: Band[];
  marks: ScaleMark[];
}

export interface PanicParams {
  threshold: number;
  panicWindowSeconds: number;
}

/** Runs of indices where `pred` holds, as bands ending where the next sample begins. */
function runs(timeline: Timeline, pred: (i: number) => boolean): Array<{ from: number; to: number; band: Band }> {
  const out: Array<{ from: number; to: number; band: Band }> = [];
  const { times, stepS } = timeline;
  let from = -1;
  for (let i = 0; i <= times.length; i++) {
    const on = i < times.length && pred(i);
    if (on && from < 0) from = i;
    if (!on && from >= 0) {
      out.push({ from, to: i - 1, band: { startS: times[from]!, endS: Math.min(times[i - 1]! + stepS, times[times.length - 1]!) } });
      from = -1;
    }
  }
  return out;
}

function panicEntry(timeline: Timeline, i: number, params: PanicParams): PanicEntry | null {
  const panic = signal(timeline, "panic")[i];
  const target = signal(timeline, "target")[i];
  const ready = timeline.values.ready;
  // Capacity before the scale-up the panic caused: the sample before entry, when there is one.
  const candidates = [ready[i - 1], ready[i]].filter((r): r is number => r !== null && r !== undefined);
  if (panic === null || panic === undefined || target === null || target === undefined || !(target > 0) || candidates.length === 0) return null;
  const readyPods = Math.min(...candidates);
  const holds = Math.ceil(panic / target) >= params.threshold * Math.max(1, readyPods);
  return { t: timeline.times[i]!, panic, readyPods, target, threshold: params.threshold, panicWindowSeconds: params.panicWindowSeconds, holds };
}

/** Panic bands (panic_mode = 1) with their entry reason, activator-in-path bands (EBC < 0), and scale-to-zero / cold-start marks. */
export function revisionEvents(timeline: Timeline, params: PanicParams): RevisionEvents {
  const { values, times } = timeline;
  const panic = runs(timeline, (i) => (values.panicMode[i] ?? 0) >= 1).map(({ from, band }) => ({
    ...band,
    // A band already running at the start of the range has no entry in view.
    entry: from === 0 ? null : panicEntry(timeline, from, params),
  }));
  const activator = runs(timeline, (i) => {
    const ebc = values.ebc[i];
    return ebc !== null && ebc !== undefined && ebc < 0;
  }).map((r) => r.band);

  const marks: ScaleMark[] = [];
  let askedSince: number | null = null;
  for (let i = 1; i < times.length; i++) {
    const before = values.ready[i - 1];
    const now = values.ready[i];
    const asked = (values.requested[i] ?? 0) > 0 || (values.desired[i] ?? 0) > 0;
    if (now === 0 && asked && askedSince === null) askedSince = times[i]!;
    if (before === null || before === undefined || now === null || now === undefined) continue;
    if (before > 0 && now === 0) {
      marks.push({ t: times[i]!, kind: "scale-to-zero" });
      askedSince = asked ? times[i]! : null;
    } else if (before === 0 && now > 0) {
      const since = askedSince ?? times[i - 1]!;
      marks.push({ t: times[i]!, kind: "cold-start", waitSeconds: times[i]! - since });
      askedSince = null;
    }
  }
  return { panic, activator, marks };
}
