import { replay, type RevisionModel, type RevisionSecond, type SecondSample } from "@/lib/knative/engine";
import { resolveDeciderSpec, resolvePodAutoscalerSpec, type RevisionSettings } from "@/lib/knative/kpa/config";
import type { RecordedRun } from "./recorded";
import { runTotals, type RunTotals } from "./totals";
import type { WhatIfSettings } from "./url-state";

/** Pod start-up used when neither the user nor the recorded data says (a small container image). */
export const DEFAULT_STARTUP_SECONDS = 5;

/** One replay of the recorded demand: per-second engine output and its totals. */
export interface ReplayRun {
  settings: RevisionSettings;
  seconds: RevisionSecond[];
  totals: RunTotals;
}

export interface WhatIfResult {
  actual: RunTotals;
  /** The edited settings. */
  predicted: ReplayRun;
  /** The revision's own settings through the same replay: how far the approximation is off. */
  baseline: ReplayRun;
  startupSeconds: number;
  startupSource: "user" | "recorded" | "default";
  /** Seconds of steady demand fed before the range so the replay starts settled, not from zero. */
  warmupSeconds: number;
}

/** The recorded panic window in seconds for a revision's settings (StableWindow × panic %, ≥ 1 s). */
export function panicWindowSeconds(settings: RevisionSettings): number {
  return resolveDeciderSpec(settings).panicWindowSeconds;
}

/** The revision's settings with the what-if's overrides on top (startupSeconds is the pod model's). */
export function mergeSettings(actual: RevisionSettings, overrides: WhatIfSettings): RevisionSettings {
  const merged: RevisionSettings = { ...actual };
  for (const [key, value] of Object.entries(overrides)) {
    if (key !== "startupSeconds" && value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Long enough for a panic to start and end (2 windows) and for an idle revision to reach zero. */
export function warmupSecondsFor(settings: RevisionSettings, startupSeconds: number): number {
  const pa = resolvePodAutoscalerSpec(settings);
  return 2 * pa.stableWindowSeconds + pa.scaleToZeroGracePeriodSeconds + Math.ceil(startupSeconds) + 60;
}

function samplesFor(run: RecordedRun, warmupS: number): SecondSample[] {
  const samples: SecondSample[] = [];
  const first = run.load[0] ?? 0;
  const sample = (t: number, value: number): SecondSample =>
    run.loadKind === "rps" ? { t, concurrency: 0, rps: value } : { t, concurrency: value, rps: 0 };
  for (let t = run.startS - warmupS; t < run.startS; t++) samples.push(sample(t, first));
  run.load.forEach((value, i) => samples.push(sample(run.startS + i, value)));
  return samples;
}

function replayRun(run: RecordedRun, settings: RevisionSettings, startupSeconds: number, samples: SecondSample[], warmupS: number): ReplayRun {
  const model: RevisionModel = { settings, pods: { startupSeconds } };
  const all = replay(model, samples);
  const seconds = all.slice(warmupS);
  const before = all[warmupS - 1];
  const cc = run.loadKind === "concurrency" ? (settings.containerConcurrency ?? 0) : 0;
  const totals = runTotals({
    ready: seconds.map((s) => s.readyPods),
    load: run.load,
    capacityPerPod: seconds.map((s) => (cc > 0 ? cc : s.target)),
    panicMode: seconds.map((s) => s.panicMode),
    before: before ? { ready: before.readyPods, panic: before.panicMode } : undefined,
  });
  return { settings, seconds, totals };
}

/**
 * Replays a recorded run through the KPA engine with the revision's own settings (baseline) and
 * with the what-if's overrides (predicted), and totals both against the recorded (actual) run.
 * Capacity for "over capacity": containerConcurrency when > 0, else the per-pod target.
 */
export function runWhatIf(run: RecordedRun, actualSettings: RevisionSettings, overrides: WhatIfSettings): WhatIfResult {
  const base: RevisionSettings = { ...actualSettings, metric: run.loadKind };
  const edited = mergeSettings(base, overrides);
  const startupSource = overrides.startupSeconds !== undefined ? "user" : run.estimatedStartupSeconds !== null ? "recorded" : "default";
  const startupSeconds = overrides.startupSeconds ?? run.estimatedStartupSeconds ?? DEFAULT_STARTUP_SECONDS;
  const warmupSeconds = Math.max(warmupSecondsFor(base, startupSeconds), warmupSecondsFor(edited, startupSeconds));
  const samples = samplesFor(run, warmupSeconds);
  const baseline = replayRun(run, base, startupSeconds, samples, warmupSeconds);
  const predicted = replayRun(run, edited, startupSeconds, samples, warmupSeconds);
  const actualCc = run.loadKind === "concurrency" ? (actualSettings.containerConcurrency ?? 0) : 0;
  const actual = runTotals({
    ready: run.ready,
    load: run.load,
    // The recorded target, else what the engine resolves for the revision's own settings.
    capacityPerPod: run.target.map((t, i) => (actualCc > 0 ? actualCc : Number.isFinite(t) ? t : (baseline.seconds[i]?.target ?? NaN))),
    panicMode: run.panicMode,
  });
  return { actual, predicted, baseline, startupSeconds, startupSource, warmupSeconds };
}
