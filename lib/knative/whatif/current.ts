import { resolveDeciderSpec, resolvePodAutoscalerSpec, type RevisionSettings } from "@/lib/knative/kpa/config";
import type { WhatIfKey } from "./url-state";

/**
 * What each what-if field is for the revision as it runs (its settings over Knative's defaults),
 * as text for the form: a blank field keeps this value.
 */
export function currentValues(settings: RevisionSettings, startupSeconds: number): Record<WhatIfKey, string> {
  const d = resolveDeciderSpec(settings);
  const pa = resolvePodAutoscalerSpec(settings);
  const num = (n: number) => String(Number(n.toPrecision(6)));
  return {
    target: num(d.totalValue),
    targetUtilizationPercentage: num((d.targetValue / d.totalValue) * 100),
    containerConcurrency: settings.containerConcurrency === undefined || settings.containerConcurrency === 0 ? "0 (unlimited)" : String(settings.containerConcurrency),
    window: String(d.stableWindowSeconds),
    panicWindowPercentage: num(settings.panicWindowPercentage ?? (d.panicWindowSeconds / d.stableWindowSeconds) * 100),
    panicThresholdPercentage: num(d.panicThreshold * 100),
    maxScaleUpRate: num(d.maxScaleUpRate),
    maxScaleDownRate: num(d.maxScaleDownRate),
    minScale: String(pa.minScale),
    maxScale: pa.maxScale === 0 ? "0 (unlimited)" : String(pa.maxScale),
    scaleToZeroGracePeriod: String(pa.scaleToZeroGracePeriodSeconds),
    targetBurstCapacity: String(d.targetBurstCapacity),
    startupSeconds: num(startupSeconds),
  };
}

/** How "over capacity" is judged for a run, in words for the totals table. */
export function capacityRuleText(loadKind: "concurrency" | "rps", containerConcurrency: number | undefined): string {
  if (loadKind === "rps") return "requests/s above ready pods × the per-pod rps target";
  return containerConcurrency !== undefined && containerConcurrency > 0
    ? `concurrency above ready pods × containerConcurrency (${containerConcurrency}, the hard limit)`
    : "concurrency above ready pods × the per-pod target (containerConcurrency is 0, so the soft target is the limit)";
}
