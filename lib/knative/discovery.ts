// zod/mini: this module ships to the browser.
import * as z from "zod/mini";
import { fetchPrometheusJson } from "@/lib/promql/api";
import { labelSetSchema, type LabelSet } from "@/lib/promql/types";
import { DETECTION_METRIC, METRIC_SETS, REVISION_LABELS, type MetricSet, type RevisionRef } from "./metrics";

const seriesResponseSchema = z.object({ status: z.literal("success"), data: z.array(labelSetSchema) });

const NAME_TO_SET = new Map<string, MetricSet>(METRIC_SETS.map((set) => [DETECTION_METRIC[set], set]));

/** The `match[]` selector finding every revision of either set in one /api/v1/series call. */
export const DISCOVERY_MATCH = `{__name__=~"${METRIC_SETS.map((s) => DETECTION_METRIC[s]).join("|")}"}`;

/**
 * Revisions named by `autoscaler_desired_pods` / `kn_revision_pods_desired` series, each tagged with
 * its metric set; deduplicated (stale copies from other autoscaler replicas) and sorted. A revision
 * present in both sets (mid-upgrade) appears once per set. Series missing identity labels are skipped.
 */
export function revisionsFromSeries(series: readonly LabelSet[]): RevisionRef[] {
  const found = new Map<string, RevisionRef>();
  for (const labels of series) {
    const metricSet = NAME_TO_SET.get(labels.__name__ ?? "");
    if (!metricSet) continue;
    const l = REVISION_LABELS[metricSet];
    const namespace = labels[l.namespace];
    const revision = labels[l.revision];
    if (!namespace || !revision) continue;
    const configuration = labels[l.configuration] || revision.replace(/-\d+$/, "");
    const service = labels[l.service] || "unknown";
    found.set(`${metricSet}\u0000${namespace}\u0000${revision}`, { namespace, service, configuration, revision, metricSet });
  }
  return [...found.values()].sort(compareRevisions);
}

function compareRevisions(a: RevisionRef, b: RevisionRef): number {
  return a.namespace.localeCompare(b.namespace) || a.service.localeCompare(b.service) || a.revision.localeCompare(b.revision) || a.metricSet.localeCompare(b.metricSet);
}

/** Distinct values in first-seen order. */
function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export function namespacesOf(revisions: readonly RevisionRef[]): string[] {
  return unique(revisions.map((r) => r.namespace));
}

export function servicesOf(revisions: readonly RevisionRef[], namespace: string): string[] {
  return unique(revisions.filter((r) => r.namespace === namespace).map((r) => r.service));
}

export function revisionsOf(revisions: readonly RevisionRef[], namespace: string, service: string): RevisionRef[] {
  return revisions.filter((r) => r.namespace === namespace && r.service === service);
}

/** Which metric sets the datasource exports (both while a cluster is mid-upgrade). */
export function metricSetsOf(revisions: readonly RevisionRef[]): MetricSet[] {
  return METRIC_SETS.filter((set) => revisions.some((r) => r.metricSet === set));
}

export interface RevisionSelection {
  namespace: string | null;
  service: string | null;
  revision: string | null;
  metricSet: MetricSet | null;
}

/**
 * Resolves a (possibly partial or stale) selection against the discovered revisions: each level
 * falls back to the first choice available, so a picker always shows something valid. For a
 * revision in both sets the requested set wins, else the newer OTel one.
 */
export function resolveSelection(revisions: readonly RevisionRef[], wanted: RevisionSelection): RevisionRef | null {
  const namespaces = namespacesOf(revisions);
  const namespace = wanted.namespace !== null && namespaces.includes(wanted.namespace) ? wanted.namespace : namespaces[0];
  if (namespace === undefined) return null;
  const services = servicesOf(revisions, namespace);
  const service = wanted.service !== null && services.includes(wanted.service) ? wanted.service : services[0]!;
  const candidates = revisionsOf(revisions, namespace, service);
  const named = candidates.filter((r) => r.revision === wanted.revision);
  const pool = named.length > 0 ? named : candidates.filter((r) => r.revision === candidates[candidates.length - 1]!.revision);
  return pool.find((r) => r.metricSet === wanted.metricSet) ?? pool.find((r) => r.metricSet === "otel") ?? pool[0] ?? null;
}

/** GET /api/ds/<id>/api/v1/series for both detection metrics over [start, end] (unix s). */
export async function discoverRevisions(datasource: string, startS: number, endS: number, signal?: AbortSignal): Promise<RevisionRef[]> {
  const json = await fetchPrometheusJson(
    datasource,
    "/api/v1/series",
    { "match[]": DISCOVERY_MATCH, start: String(Math.floor(startS)), end: String(Math.ceil(endS)) },
    signal,
  );
  const parsed = seriesResponseSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Unexpected /api/v1/series answer from datasource "${datasource}": expected a list of label sets`);
  return revisionsFromSeries(parsed.data.data);
}
