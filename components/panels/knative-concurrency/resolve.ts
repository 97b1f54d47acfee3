import type { PanelOf } from "@/lib/dashboards/schema/panels";
import { interpolate } from "@/lib/dashboards/variables/interpolate";
import type { VariableScope } from "@/lib/dashboards/variables/types";

const K8S_NAME_RE = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export type PanelTarget = { ok: true; namespace: string; revision: string } | { ok: false; error: string };

function one(label: string, raw: string, scope: VariableScope): { value: string } | { error: string } {
  if (raw.trim() === "") return { error: `Set the ${label} in the panel options` };
  const value = interpolate(raw, scope, { format: "raw" }).trim();
  if (!K8S_NAME_RE.test(value)) return { error: `The ${label} "${value}" (from "${raw}") is not one Kubernetes name; pick a single value` };
  return { value };
}

/** The namespace and revision a knative-concurrency panel shows, with `$variables` interpolated. */
export function resolvePanelTarget(options: PanelOf<"knative-concurrency">["options"], scope: VariableScope): PanelTarget {
  const ns = one("namespace", options.namespace, scope);
  if ("error" in ns) return { ok: false, error: ns.error };
  const rev = one("revision", options.revision, scope);
  if ("error" in rev) return { ok: false, error: rev.error };
  return { ok: true, namespace: ns.value, revision: rev.value };
}
