// Next builds every route handler and every page into bundles of their own, each with its own copy
// of a module's top-level state: a `let cache` in a module is one cache per bundle, not per server.
// What must be one per server process (the query layer's cache and coalescing, rate limits,
// connections) lives in one registry on globalThis instead, shared by every copy.

const REGISTRY = Symbol.for("orrery.processGlobals");

// Looked up once per copy of this module: every bundle of a server finds the same registry. (A test
// that runs several "processes" in one, test/redis/replicas.ts, installs a fresh registry before it
// loads a fresh module graph: newProcessRegistry.)
const registry: Map<string, unknown> = ((globalThis as Record<symbol, Map<string, unknown> | undefined>)[REGISTRY] ??= new Map());

/** The process's value for `name`, created by the first copy of the module that asks. */
export function processGlobal<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** The process's value for `name` if one was created, without creating it. */
export function existingProcessGlobal<T>(name: string): T | undefined {
  return registry.get(name) as T | undefined;
}

/** Forgets the process's value for `name`, so the next processGlobal creates it again (tests, reconfiguration). */
export function resetProcessGlobal(name: string): void {
  registry.delete(name);
}

/**
 * Tests only: module copies loaded from now on get a registry of their own, as in another process
 * (copies loaded before keep theirs). Call right before loading a fresh module graph.
 */
export function newProcessRegistry(): void {
  (globalThis as Record<symbol, Map<string, unknown> | undefined>)[REGISTRY] = new Map();
}
