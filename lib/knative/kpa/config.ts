// zod/mini, not zod: the what-if page validates settings in the browser.
import * as z from "zod/mini";

/**
 * The `config-autoscaler` ConfigMap (namespace knative-serving) with Knative's defaults
 * (pkg/autoscaler/config/config.go). Durations are in seconds, fractions are 0..1.
 */
export interface AutoscalerConfig {
  containerConcurrencyTargetDefault: number; // container-concurrency-target-default
  containerConcurrencyTargetFraction: number; // container-concurrency-target-percentage / 100
  rpsTargetDefault: number; // requests-per-second-target-default
  targetUtilization: number; // RPS utilization (not a ConfigMap key)
  targetBurstCapacity: number; // target-burst-capacity
  stableWindowSeconds: number; // stable-window
  panicWindowPercentage: number; // panic-window-percentage
  panicThresholdPercentage: number; // panic-threshold-percentage
  maxScaleUpRate: number; // max-scale-up-rate
  maxScaleDownRate: number; // max-scale-down-rate
  enableScaleToZero: boolean; // enable-scale-to-zero
  scaleToZeroGracePeriodSeconds: number; // scale-to-zero-grace-period
  scaleToZeroPodRetentionPeriodSeconds: number; // scale-to-zero-pod-retention-period
  scaleDownDelaySeconds: number; // scale-down-delay
  activatorCapacity: number; // activator-capacity
  initialScale: number; // initial-scale
  allowZeroInitialScale: boolean; // allow-zero-initial-scale
  minScale: number; // min-scale
  maxScale: number; // max-scale (0 = unlimited)
  maxScaleLimit: number; // max-scale-limit (0 = none)
  progressDeadlineSeconds: number; // config-deployment progress-deadline
}

export const DEFAULT_AUTOSCALER_CONFIG: AutoscalerConfig = Object.freeze({
  containerConcurrencyTargetDefault: 100,
  containerConcurrencyTargetFraction: 0.7,
  rpsTargetDefault: 200,
  targetUtilization: 0.7,
  targetBurstCapacity: 211,
  stableWindowSeconds: 60,
  panicWindowPercentage: 10,
  panicThresholdPercentage: 200,
  maxScaleUpRate: 1000,
  maxScaleDownRate: 2,
  enableScaleToZero: true,
  scaleToZeroGracePeriodSeconds: 30,
  scaleToZeroPodRetentionPeriodSeconds: 0,
  scaleDownDelaySeconds: 0,
  activatorCapacity: 100,
  initialScale: 1,
  allowZeroInitialScale: false,
  minScale: 0,
  maxScale: 0,
  maxScaleLimit: 0,
  progressDeadlineSeconds: 600,
});

/** Hard-coded in Knative: decider tick, and the 30 s the activation timeout adds to the progress deadline. */
export const TICK_SECONDS = 2;
export const ACTIVATION_TIMEOUT_BUFFER_SECONDS = 30;
/** `autoscaling.TargetMin`: the smallest target Knative accepts or resolves to. */
export const TARGET_MIN = 0.01;
const HOUR = 3600;

export const ANNOTATION_PREFIX = "autoscaling.knative.dev/";
const A = (k: string) => ANNOTATION_PREFIX + k;

const int = (key: string, min: number, max?: number) =>
  z.optional(
    z.int(`${key} must be a whole number`).check(
      z.gte(min, `${key} must be at least ${min}`),
      ...(max === undefined ? [] : [z.lte(max, `${key} must be at most ${max}`)]),
    ),
  );
const num = (key: string, min: number, max: number, unit = "") =>
  z.optional(
    z.number(`${key} must be a number`).check(
      z.gte(min, `${key} must be between ${min} and ${max}${unit}`),
      z.lte(max, `${key} must be between ${min} and ${max}${unit}`),
    ),
  );
const above = (key: string, min: number) =>
  z.optional(z.number(`${key} must be a number`).check(z.gt(min, `${key} must be greater than ${min}`)));

/**
 * What a user can set per revision: annotations plus `containerConcurrency`, all optional. Seconds and
 * percent. The bounds are Knative's annotation validation (annotation_validation.go); settings that are
 * only ConfigMap keys (rates, grace period, scale to zero) use the ConfigMap bounds.
 */
export const revisionSettingsSchema = z
  .object({
    metric: z.optional(z.enum(["concurrency", "rps"], `${A("metric")} must be "concurrency" or "rps"`)),
    containerConcurrency: int("containerConcurrency", 0, 1000),
    target: z.optional(z.number(`${A("target")} must be a number`).check(z.gte(TARGET_MIN, `${A("target")} must be at least ${TARGET_MIN}`))),
    targetUtilizationPercentage: num(A("target-utilization-percentage"), 1, 100),
    window: z.optional(
      z.int(`${A("window")} must be whole seconds`).check(
        z.gte(6, `${A("window")} must be between 6s and 1h`),
        z.lte(HOUR, `${A("window")} must be between 6s and 1h`),
      ),
    ),
    panicWindowPercentage: num(A("panic-window-percentage"), 1, 100),
    panicThresholdPercentage: num(A("panic-threshold-percentage"), 110, 1000),
    maxScaleUpRate: above("max-scale-up-rate", 1),
    maxScaleDownRate: above("max-scale-down-rate", 1),
    minScale: int(A("min-scale"), 0),
    maxScale: int(A("max-scale"), 0),
    initialScale: int(A("initial-scale"), 0),
    activationScale: int(A("activation-scale"), 2),
    scaleDownDelay: z.optional(
      z.int(`${A("scale-down-delay")} must be whole seconds`).check(
        z.gte(0, `${A("scale-down-delay")} must be between 0s and 1h`),
        z.lte(HOUR, `${A("scale-down-delay")} must be between 0s and 1h`),
      ),
    ),
    scaleToZeroGracePeriod: above("scale-to-zero-grace-period", 0),
    scaleToZeroPodRetentionPeriod: num(A("scale-to-zero-pod-retention-period"), 0, HOUR, " seconds"),
    targetBurstCapacity: z.optional(
      z.number(`${A("target-burst-capacity")} must be a number`).check(
        z.refine((v) => v >= 0 || v === -1, `${A("target-burst-capacity")} must be at least 0, or -1 (unlimited)`),
      ),
    ),
    enableScaleToZero: z.optional(z.boolean("enable-scale-to-zero must be true or false")),
    aggregation: z.optional(
      z.enum(["linear", "weighted-exponential"], `${A("metric-aggregation-algorithm")} must be "linear" or "weighted-exponential"`),
    ),
  })
  .check(
    z.refine((s) => !(s.maxScale && s.minScale !== undefined && s.maxScale < s.minScale), {
      error: `${A("max-scale")} must be at least ${A("min-scale")} (or 0 for unlimited)`,
      path: ["maxScale"],
    }),
    z.refine((s) => !(s.activationScale !== undefined && s.maxScale && s.activationScale > s.maxScale), {
      error: `${A("activation-scale")} must be at most ${A("max-scale")}`,
      path: ["activationScale"],
    }),
    z.refine((s) => !(s.activationScale !== undefined && s.minScale && s.activationScale < s.minScale), {
      error: `${A("activation-scale")} must be at least ${A("min-scale")}`,
      path: ["activationScale"],
    }),
  );
export type RevisionSettings = z.infer<typeof revisionSettingsSchema>;

/** The decider's spec (scaling.DeciderSpec), resolved from settings + config (notes §2c). */
export interface DeciderSpec {
  metric: "concurrency" | "rps";
  /** Per-pod soft target: max(0.01, total × utilization). */
  targetValue: number;
  /** Per-pod capacity used by EBC and the activator count. */
  totalValue: number;
  /** A ratio (2 = 200 %). */
  panicThreshold: number;
  stableWindowSeconds: number;
  panicWindowSeconds: number;
  maxScaleUpRate: number;
  maxScaleDownRate: number;
  activationScale: number;
  targetBurstCapacity: number;
  activatorCapacity: number;
  scaleDownDelaySeconds: number;
  initialScale: number;
  reachable: boolean;
  aggregation: "linear" | "weighted-exponential";
}

/** The PodAutoscaler reconciler's inputs beyond the decider (kpa.go / scaler.go). */
export interface PodAutoscalerSpec {
  minScale: number;
  maxScale: number;
  initialScale: number;
  enableScaleToZero: boolean;
  scaleToZeroGracePeriodSeconds: number;
  scaleToZeroPodRetentionPeriodSeconds: number;
  stableWindowSeconds: number;
  activationTimeoutSeconds: number;
  targetBurstCapacity: number;
  reachable: boolean;
}

export function withDefaults(config?: Partial<AutoscalerConfig>): AutoscalerConfig {
  return { ...DEFAULT_AUTOSCALER_CONFIG, ...config };
}

/** `ResolveMetricTarget`: the per-pod target and total (notes §2c). */
export function resolveMetricTarget(
  settings: RevisionSettings,
  config?: Partial<AutoscalerConfig>,
): { targetValue: number; totalValue: number } {
  const cfg = withDefaults(config);
  const cc = settings.containerConcurrency ?? 0;
  const rps = settings.metric === "rps";
  let total = rps ? cfg.rpsTargetDefault : cc > 0 ? cc : cfg.containerConcurrencyTargetDefault;
  let tu = rps ? cfg.targetUtilization : cfg.containerConcurrencyTargetFraction;
  if (settings.target !== undefined) {
    total = !rps && cc > 0 ? Math.min(settings.target, cc) : settings.target;
  }
  if (settings.targetUtilizationPercentage !== undefined) tu = settings.targetUtilizationPercentage / 100;
  return { targetValue: Math.max(TARGET_MIN, total * tu), totalValue: total };
}

/** Go's `Duration.Round(time.Second)` for whole-second inputs: half away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** `GetInitialScale`: the annotation if present and (> 0 or zero allowed), else the ConfigMap value. */
export function resolveInitialScale(settings: RevisionSettings, config?: Partial<AutoscalerConfig>): number {
  const cfg = withDefaults(config);
  const v = settings.initialScale;
  if (v !== undefined && (v > 0 || cfg.allowZeroInitialScale)) return v;
  return cfg.initialScale;
}

/** `MakeDecider`: the decider spec for a revision (notes §2c). */
export function resolveDeciderSpec(
  settings: RevisionSettings,
  config?: Partial<AutoscalerConfig>,
  reachable = true,
): DeciderSpec {
  const cfg = withDefaults(config);
  const { targetValue, totalValue } = resolveMetricTarget(settings, cfg);
  const stableWindowSeconds = settings.window ?? cfg.stableWindowSeconds;
  const pct = settings.panicWindowPercentage ?? cfg.panicWindowPercentage;
  return {
    metric: settings.metric ?? "concurrency",
    targetValue,
    totalValue,
    panicThreshold: (settings.panicThresholdPercentage ?? cfg.panicThresholdPercentage) / 100,
    stableWindowSeconds,
    panicWindowSeconds: Math.max(1, roundHalfAway((stableWindowSeconds * pct) / 100)),
    maxScaleUpRate: settings.maxScaleUpRate ?? cfg.maxScaleUpRate,
    maxScaleDownRate: settings.maxScaleDownRate ?? cfg.maxScaleDownRate,
    activationScale: settings.activationScale ?? 1,
    targetBurstCapacity: settings.targetBurstCapacity ?? cfg.targetBurstCapacity,
    activatorCapacity: cfg.activatorCapacity,
    scaleDownDelaySeconds: settings.scaleDownDelay ?? cfg.scaleDownDelaySeconds,
    initialScale: resolveInitialScale(settings, cfg),
    reachable,
    aggregation: settings.aggregation ?? "linear",
  };
}

/** The PodAutoscaler's bounds and scale-to-zero timings (ScaleBounds, lastPodRetention, handleScaleToZero). */
export function resolvePodAutoscalerSpec(
  settings: RevisionSettings,
  config?: Partial<AutoscalerConfig>,
  reachable = true,
): PodAutoscalerSpec {
  const cfg = withDefaults(config);
  let maxScale = settings.maxScale ?? cfg.maxScale;
  if (cfg.maxScaleLimit > 0 && (maxScale === 0 || maxScale > cfg.maxScaleLimit)) maxScale = cfg.maxScaleLimit;
  return {
    // An unreachable revision ignores min-scale (ScaleBounds).
    minScale: reachable ? (settings.minScale ?? cfg.minScale) : 0,
    maxScale,
    initialScale: resolveInitialScale(settings, cfg),
    enableScaleToZero: settings.enableScaleToZero ?? cfg.enableScaleToZero,
    scaleToZeroGracePeriodSeconds: settings.scaleToZeroGracePeriod ?? cfg.scaleToZeroGracePeriodSeconds,
    scaleToZeroPodRetentionPeriodSeconds: reachable
      ? (settings.scaleToZeroPodRetentionPeriod ?? cfg.scaleToZeroPodRetentionPeriodSeconds)
      : 0,
    stableWindowSeconds: settings.window ?? cfg.stableWindowSeconds,
    activationTimeoutSeconds: cfg.progressDeadlineSeconds + ACTIVATION_TIMEOUT_BUFFER_SECONDS,
    targetBurstCapacity: settings.targetBurstCapacity ?? cfg.targetBurstCapacity,
    reachable,
  };
}

export { settingsFromAnnotations, parseAnnotations, SettingsError } from "./annotations";
export type { SettingsIssue, ParsedAnnotations } from "./annotations";
