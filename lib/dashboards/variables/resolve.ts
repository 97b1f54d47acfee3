import type { Variable, VariableOf } from "@/lib/dashboards/schema";
import type { AbsoluteTimeRange } from "@/lib/time/range";
import { intervalToMs } from "@/lib/time/grafana-duration";
import { DEFAULT_SCRAPE_INTERVAL } from "../interval";
import { parseCustomQuery } from "./custom";
import { datasourceOptions, findDatasource, type DatasourceEntry } from "./datasource";
import { variableGraph } from "./dependencies";
import { interpolate, interpolatePromQL } from "./interpolate";
import { autoInterval, intervalOptions, selectInterval } from "./interval";
import { toVariableOptions } from "./options";
import { parseVariableQuery, planVariableQuery, readVariableResponse } from "./query";
import { selectValue, type Selection } from "./select";
import { ALL_TEXT, ALL_VALUE, AUTO_VALUE, isAllValue, type VariableScope, type VariableState } from "./types";

/** Calls `GET /api/ds/<datasourceId><path>?<params>` and resolves to the parsed JSON body. */
export type VariableFetcher = (datasourceId: string, path: string, params: Record<string, string>, signal?: AbortSignal) => Promise<unknown>;

export type ResolvedVariable = VariableState;

export interface ResolveVariablesInput {
  variables: readonly Variable[];
  /** `var-<name>` values from the URL, as `decodeDashboardUrlState` returns them. */
  urlValues?: Readonly<Record<string, readonly string[]>>;
  fetcher: VariableFetcher;
  datasources: readonly DatasourceEntry[];
  /** The dashboard's resolved time range. */
  timeRange: AbsoluteTimeRange;
  /** Query variables refreshed "on load" look at the 6 hours before this, as Grafana's do. */
  nowMs: number;
  signal?: AbortSignal;
  /** Values from an earlier run; a variable keeps its value from here unless the URL says otherwise. */
  previous?: Readonly<Record<string, ResolvedVariable>>;
  /** Resolve only these (e.g. `dependentsOf(changed)`); the others are taken from `previous`. */
  only?: Iterable<string>;
}

export interface ResolveVariablesResult {
  values: Record<string, ResolvedVariable>;
  /** Per-variable errors; a failed variable keeps its requested value and has no options. */
  errors: Record<string, string>;
}

// Grafana's getDefaultTimeRange, used for variables that refresh on dashboard load only.
const LOAD_RANGE_MS = 6 * 3_600_000;

interface Context {
  input: ResolveVariablesInput;
  values: Record<string, ResolvedVariable>;
}

const hasSelection = (v: Variable): v is Extract<Variable, { multi: boolean }> => "multi" in v;

function requested(variable: Variable, { input }: Context): Selection | undefined {
  const multi = hasSelection(variable) && variable.multi;
  const url = input.urlValues?.[variable.name];
  if (url !== undefined && url.length > 0) {
    let value: string | string[] = multi ? [...url] : url[0]!;
    const first = url[0]!;
    // Old links write All as its text, and links may carry the custom All value itself.
    if (hasSelection(variable) && variable.includeAll && (first === ALL_TEXT || (variable.allValue && first === variable.allValue))) {
      value = multi ? [ALL_VALUE] : ALL_VALUE;
    }
    return { value, text: value };
  }
  const previous = input.previous?.[variable.name];
  if (previous) return { value: previous.value, text: previous.text };
  if (variable.current) return { value: variable.current.value, text: variable.current.value };
  return undefined;
}

function state(variable: Variable, options: ResolvedVariable["options"], selection: Selection): ResolvedVariable {
  const selectable = hasSelection(variable) ? variable : { multi: false, includeAll: false, allValue: undefined };
  const base = { ...selection, options, multi: selectable.multi, includeAll: selectable.includeAll };
  return selectable.allValue ? { ...base, allValue: selectable.allValue } : base;
}

function scopeFor({ input, values }: Context): VariableScope {
  return { ...values, __from: String(input.timeRange.startMs), __to: String(input.timeRange.endMs) };
}

function datasourceRef(variable: VariableOf<"query">, ctx: Context): string {
  const ref = variable.datasource ?? "";
  const name = /^\$\{?(\w+)\}?$/.exec(ref)?.[1];
  const ds = name === undefined ? undefined : ctx.values[name];
  if (!ds) return interpolate(ref, scopeFor(ctx), { format: "raw" });
  // A multi-value or All datasource variable: use its first datasource.
  const picked = isAllValue(ds.value) ? ds.options[0]?.value : Array.isArray(ds.value) ? ds.value[0] : ds.value;
  return picked ?? "";
}

async function queryOptions(variable: VariableOf<"query">, ctx: Context) {
  const { input } = ctx;
  const ref = datasourceRef(variable, ctx);
  const ds = findDatasource(input.datasources, ref);
  if (!ds) throw new Error(`Datasource ${JSON.stringify(ref)} not found`);
  const range = variable.refresh === "time" ? input.timeRange : { startMs: input.nowMs - LOAD_RANGE_MS, endMs: input.nowMs };
  const scrape = ds.scrapeInterval || DEFAULT_SCRAPE_INTERVAL;
  const rangeMs = range.endMs - range.startMs;
  // Grafana's variable queries see the scrape interval as $__interval and their own range as $__range.
  const builtins = {
    __interval: scrape,
    __interval_ms: String(intervalToMs(scrape) ?? ""),
    __range: `${Math.round(rangeMs / 1_000)}s`,
    __range_s: String(Math.round(rangeMs / 1_000)),
    __range_ms: String(rangeMs),
  };
  const query = parseVariableQuery(interpolatePromQL(variable.query, { ...scopeFor(ctx), ...builtins }));
  if (query === null) return [];
  const request = planVariableQuery(query, range);
  const body = await input.fetcher(ds.id, request.path, request.params, input.signal);
  const regex = interpolate(variable.regex, scopeFor(ctx), { format: "regex" });
  return toVariableOptions(readVariableResponse(query, body), regex, variable.sort);
}

async function resolveOne(variable: Variable, ctx: Context): Promise<ResolvedVariable> {
  const want = requested(variable, ctx);
  switch (variable.type) {
    case "constant":
      return state(variable, [{ text: variable.query, value: variable.query }], { value: variable.query, text: variable.query });
    case "textbox": {
      const value = want === undefined ? variable.query : Array.isArray(want.value) ? (want.value[0] ?? "") : want.value;
      return state(variable, [{ text: value, value }], { value, text: value });
    }
    case "interval": {
      const options = intervalOptions(variable);
      const value = selectInterval(variable, Array.isArray(want?.value) ? want.value[0] : want?.value);
      const text = options.find((o) => o.value === value)?.text ?? value;
      const resolved = state(variable, options, { value, text });
      const rangeMs = ctx.input.timeRange.endMs - ctx.input.timeRange.startMs;
      return value === AUTO_VALUE ? { ...resolved, computed: autoInterval(variable, rangeMs) } : resolved;
    }
    case "custom": {
      const options = parseCustomQuery(interpolate(variable.query, scopeFor(ctx)));
      return state(variable, options, selectValue(variable, options, want));
    }
    case "datasource": {
      const regex = interpolate(variable.regex, scopeFor(ctx), { format: "regex" });
      const options = datasourceOptions(ctx.input.datasources, variable.query, regex);
      if (options.length === 0) throw new Error("No data sources found");
      return state(variable, options, selectValue(variable, options, want));
    }
    case "query": {
      const options = await queryOptions(variable, ctx);
      return state(variable, options, selectValue(variable, options, want));
    }
  }
}

function isAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (err instanceof Error && err.name === "AbortError");
}

/** The state of a variable that could not resolve: the requested value, unvalidated, and no options. */
function failed(variable: Variable, ctx: Context): ResolvedVariable {
  const want = requested(variable, ctx);
  return state(variable, [], want ?? selectValue(hasSelection(variable) ? variable : { multi: false, includeAll: false }, []));
}

/**
 * Resolves a dashboard's variables in dependency order (independent ones in parallel): fetches
 * query options through `fetcher`, keeps the URL's (else the earlier, else the saved) value when
 * it is still an option, otherwise falls back as Grafana does (first option, or All with
 * includeAll). One variable failing does not stop the others. Rejects only when `signal` aborts.
 */
export async function resolveVariables(input: ResolveVariablesInput): Promise<ResolveVariablesResult> {
  const graph = variableGraph(input.variables);
  const byName = new Map(input.variables.map((v) => [v.name, v]));
  const only = input.only === undefined ? null : new Set(input.only);
  const ctx: Context = { input, values: {} };
  const errors: Record<string, string> = {};
  for (const wave of graph.waves) {
    await Promise.all(
      wave.map(async (name) => {
        const variable = byName.get(name)!;
        const previous = input.previous?.[name];
        if (only !== null && !only.has(name) && previous) {
          ctx.values[name] = previous;
          return;
        }
        const cycle = graph.cycles[name];
        try {
          if (cycle !== undefined) throw new Error(cycle);
          ctx.values[name] = await resolveOne(variable, ctx);
        } catch (err) {
          if (isAbort(err, input.signal)) throw err;
          errors[name] = err instanceof Error ? err.message : String(err);
          ctx.values[name] = failed(variable, ctx);
        }
      }),
    );
    input.signal?.throwIfAborted();
  }
  return { values: ctx.values, errors };
}
