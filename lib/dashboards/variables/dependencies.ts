import type { Variable } from "@/lib/dashboards/schema";
import { variableReferences } from "./interpolate";

/** The text of a variable's definition that Grafana interpolates before using it. */
function definitionTexts(variable: Variable): string[] {
  switch (variable.type) {
    case "query":
      return [variable.query, variable.regex, variable.datasource ?? ""];
    case "custom":
      return [variable.query];
    case "datasource":
      return [variable.regex];
    default:
      // Constants, text boxes and interval lists are taken as written.
      return [];
  }
}

/** The dashboard variables that `variable` refers to (in its query, regex or datasource). */
export function variableDependencies(variable: Variable, names: ReadonlySet<string>): string[] {
  return variableReferences(definitionTexts(variable).join("\n")).filter((n) => names.has(n));
}

export interface VariableGraph {
  /** Every variable, each after the variables it refers to; file order where free. */
  order: string[];
  /** The same variables in groups that may resolve in parallel; each group needs only earlier ones. */
  waves: string[][];
  dependsOn: Record<string, string[]>;
  /** For each variable caught in a cycle, the error naming the cycle. */
  cycles: Record<string, string>;
}

// Tarjan's strongly connected components: a component of two or more, or a self-reference, is a cycle.
function components(names: readonly string[], deps: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of deps.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      result.push(component);
    }
  };
  for (const name of names) if (!index.has(name)) visit(name);
  return result;
}

function cyclePath(start: string, members: ReadonlySet<string>, deps: Map<string, string[]>): string[] {
  const path = [start];
  const seen = new Set([start]);
  const walk = (v: string): boolean => {
    for (const w of deps.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) return path.push(w) > 0;
      if (seen.has(w)) continue;
      seen.add(w);
      path.push(w);
      if (walk(w)) return true;
      path.pop();
    }
    return false;
  };
  walk(start);
  return path;
}

/**
 * Orders variables so that each resolves after those it refers to, whatever their order in the
 * file (Grafana resolves by dependency graph, #53388). Cycles are reported per variable.
 */
export function variableGraph(variables: readonly Variable[]): VariableGraph {
  const names = variables.map((v) => v.name);
  const position = new Map(names.map((n, i) => [n, i]));
  const nameSet = new Set(names);
  const deps = new Map(variables.map((v) => [v.name, variableDependencies(v, nameSet)]));
  const cycles: Record<string, string> = {};
  const componentOf = new Map<string, number>();
  components(names, deps).forEach((component, i) => {
    for (const name of component) componentOf.set(name, i);
    const first = [...component].sort((a, b) => position.get(a)! - position.get(b)!)[0]!;
    if (component.length === 1 && !deps.get(first)!.includes(first)) return;
    const path = cyclePath(first, new Set(component), deps);
    const message = `Variables refer to each other in a cycle: ${path.map((n) => `$${n}`).join(" → ")}`;
    for (const name of component) cycles[name] = message;
  });
  // Within a cycle the references cannot be honoured; order the cycle by its links to the outside.
  const outside = (name: string) => deps.get(name)!.filter((d) => componentOf.get(d) !== componentOf.get(name));
  const level = new Map<string, number>();
  const levelOf = (name: string): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    const value = Math.max(-1, ...outside(name).map(levelOf)) + 1;
    level.set(name, value);
    return value;
  };
  const order = [...names].sort((a, b) => levelOf(a) - levelOf(b) || position.get(a)! - position.get(b)!);
  const waves: string[][] = [];
  for (const name of order) (waves[levelOf(name)] ??= []).push(name);
  return { order, waves, dependsOn: Object.fromEntries(deps), cycles };
}

/** Variables that must refresh when the given ones change: their transitive dependents, in resolution order. */
export function dependentsOf(variables: readonly Variable[], changed: Iterable<string>): string[] {
  const graph = variableGraph(variables);
  const affected = new Set<string>();
  const queue = [...changed];
  const start = new Set(queue);
  while (queue.length > 0) {
    const name = queue.shift()!;
    for (const [other, deps] of Object.entries(graph.dependsOn)) {
      if (deps.includes(name) && !affected.has(other)) {
        affected.add(other);
        queue.push(other);
      }
    }
  }
  return graph.order.filter((n) => affected.has(n) && !start.has(n));
}

/**
 * Variables to refresh when the time range changes: query variables set to refresh on time
 * range change, interval variables with Auto, and everything that depends on them.
 */
export function refreshOnTimeRangeChange(variables: readonly Variable[]): string[] {
  const seeds = variables.filter((v) => (v.type === "query" && v.refresh === "time") || (v.type === "interval" && v.auto)).map((v) => v.name);
  const all = new Set([...seeds, ...dependentsOf(variables, seeds)]);
  return variableGraph(variables).order.filter((n) => all.has(n));
}
