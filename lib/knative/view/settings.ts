// zod/mini: the browser parses GET /api/knative/revisions with this schema; the server answers with it too.
import * as z from "zod/mini";
import { resolveDeciderSpec, settingsFromAnnotations, type RevisionSettings } from "../kpa/config";
import type { RevisionRef } from "../metrics";

/** One configured revision (lib/config `knative.revisions[]`): CC and annotations are not metrics. */
export const knativeRevisionConfigSchema = z.object({
  namespace: z.string(),
  revision: z.string(),
  containerConcurrency: z.optional(z.number()),
  annotations: z.optional(z.record(z.string(), z.string())),
});
export type KnativeRevisionConfig = z.infer<typeof knativeRevisionConfigSchema>;

export const knativeRevisionsResponseSchema = z.object({ revisions: z.array(knativeRevisionConfigSchema) });
export type KnativeRevisionsResponse = z.infer<typeof knativeRevisionsResponseSchema>;

function globToRegExp(glob: string): RegExp {
  const body = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, "\\$&")).join(".*");
  return new RegExp(`^${body}$`);
}

/**
 * The configured entry for a revision: an exact name beats a glob; among globs the first in the
 * file wins. The namespace must match exactly.
 */
export function findRevisionConfig(entries: readonly KnativeRevisionConfig[], ref: Pick<RevisionRef, "namespace" | "revision">): KnativeRevisionConfig | null {
  const inNamespace = entries.filter((e) => e.namespace === ref.namespace);
  return (
    inNamespace.find((e) => e.revision === ref.revision) ??
    inNamespace.find((e) => e.revision.includes("*") && globToRegExp(e.revision).test(ref.revision)) ??
    null
  );
}

/** What the charts need to know beyond the metrics; each value says whether it was configured. */
export interface ViewSettings {
  /** The hard limit per pod; null when not configured (the chart says it is unknown). 0 = unlimited. */
  containerConcurrency: number | null;
  panicThreshold: number;
  stableWindowSeconds: number;
  panicWindowSeconds: number;
  targetBurstCapacity: number;
  /** Per-pod capacity used by EBC (CC, or the target default of 100 when CC = 0). */
  totalValue: number;
  /** Settings for the what-if replay. */
  revisionSettings: RevisionSettings;
  /** A configured annotation that could not be used, in words. */
  problem: string | null;
  configured: boolean;
}

/** Resolves the view's settings from the configured entry (or Knative's defaults when there is none). */
export function viewSettingsFor(entry: KnativeRevisionConfig | null): ViewSettings {
  let revisionSettings: RevisionSettings = entry?.containerConcurrency !== undefined ? { containerConcurrency: entry.containerConcurrency } : {};
  let problem: string | null = null;
  if (entry?.annotations && Object.keys(entry.annotations).length > 0) {
    try {
      revisionSettings = settingsFromAnnotations(entry.annotations, entry.containerConcurrency);
    } catch (err) {
      problem = `Configured annotations for ${entry.revision} ignored: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  const spec = resolveDeciderSpec(revisionSettings);
  return {
    containerConcurrency: entry?.containerConcurrency ?? null,
    panicThreshold: spec.panicThreshold,
    stableWindowSeconds: spec.stableWindowSeconds,
    panicWindowSeconds: spec.panicWindowSeconds,
    targetBurstCapacity: spec.targetBurstCapacity,
    totalValue: spec.totalValue,
    revisionSettings,
    problem,
    configured: entry !== null,
  };
}

/** GET /api/knative/revisions: the configured revision settings, validated. */
export async function fetchKnativeRevisionConfig(signal?: AbortSignal): Promise<KnativeRevisionConfig[]> {
  let res: Response;
  try {
    res = await fetch("/api/knative/revisions", { signal, cache: "no-store" });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new Error(`Cannot reach the Orrery server for the Knative revision settings: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (!res.ok) throw new Error(`Loading the Knative revision settings failed (HTTP ${res.status})`);
  const parsed = knativeRevisionsResponseSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new Error("Unexpected answer from /api/knative/revisions");
  return parsed.data.revisions;
}
