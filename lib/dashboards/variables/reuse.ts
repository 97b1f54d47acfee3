import type { Variable } from "@/lib/dashboards/schema";
import type { AbsoluteTimeRange } from "@/lib/time/range";
import { dashboardKeys } from "../keys";
import type { ResolvedVariable, ResolveVariablesResult } from "./resolve";

type UrlValues = Readonly<Record<string, readonly string[]>>;

/**
 * The React Query key of a dashboard's variable resolution: every input of `resolveVariables` that
 * can change its result (the range only when a variable refreshes on time change).
 */
export function variablesQueryKey(uid: string, version: number | undefined, urlValues: UrlValues, range: AbsoluteTimeRange | null) {
  return [...dashboardKeys.detail(uid), "variables", version, urlValues, range] as const;
}

/** The `var-<name>` values that stand for a variable's resolved value (what the page writes into the URL). */
export function urlValueOf(state: ResolvedVariable): string[] {
  return Array.isArray(state.value) ? state.value : [state.value];
}

// resolveVariables reads an empty URL list as no URL value.
const given = (values: readonly string[] | undefined) => (values !== undefined && values.length > 0 ? values : undefined);
const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]));

/**
 * Whether resolving `variables` for `urlValues` gives `earlier.result` again, so it need not run
 * (nor fetch its options) again: the page writes the values it resolved back into the URL (a copied
 * link then reproduces the view), which changes the resolution's key right after the dashboard
 * opened. Every variable's URL value must be the one `earlier` was resolved from, or the value
 * `earlier` chose (each chosen value is one of its options, so the same choice comes back). A
 * resolution with errors is never reused: a failed variable's options are fetched again.
 */
export function resolutionStillHolds(variables: readonly Variable[], earlier: { urlValues: UrlValues; result: ResolveVariablesResult }, urlValues: UrlValues): boolean {
  if (Object.keys(earlier.result.errors).length > 0) return false;
  return variables.every((variable) => {
    const chosen = earlier.result.values[variable.name];
    if (chosen === undefined) return false;
    const now = given(urlValues[variable.name]);
    return sameList(now, given(earlier.urlValues[variable.name])) || (now !== undefined && sameList(now, urlValueOf(chosen)));
  });
}

/**
 * Among cached resolutions (`[key, data]` pairs of `variablesQueryKey`, as `getQueriesData` returns
 * them), one that still holds for `key`: same dashboard, version and range, and URL values that
 * resolve to the same result (resolutionStillHolds).
 */
export function reusableResolution(
  variables: readonly Variable[],
  cached: ReadonlyArray<readonly [readonly unknown[], ResolveVariablesResult | undefined]>,
  key: ReturnType<typeof variablesQueryKey>,
): ResolveVariablesResult | undefined {
  const prefix = JSON.stringify(key.slice(0, 5));
  const range = JSON.stringify(key[6] ?? null);
  for (const [cachedKey, result] of cached) {
    if (result === undefined || cachedKey.length !== key.length || JSON.stringify(cachedKey.slice(0, 5)) !== prefix || JSON.stringify(cachedKey[6] ?? null) !== range) continue;
    if (resolutionStillHolds(variables, { urlValues: cachedKey[5] as UrlValues, result }, key[5])) return result;
  }
  return undefined;
}
