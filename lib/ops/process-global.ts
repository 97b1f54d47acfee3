// Next builds every route handler and every page into bundles of their own, each with its own copy
// of a module's top-level state: a `let cache` in a module is one cache per bundle, not per server.
// What must be one per server process (the query layer's cache and coalescing, rate limits,
// connections) lives on globalThis under a registered symbol instead, shared by every copy.

/** The process's value for `name`, created by the first copy of the module that asks. */
export function processGlobal<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, { value: T } | undefined>;
  const key = Symbol.for(`orrery.${name}`);
  return (holder[key] ??= { value: create() }).value;
}

/** The process's value for `name` if one was created, without creating it. */
export function existingProcessGlobal<T>(name: string): T | undefined {
  return (globalThis as Record<symbol, { value: T } | undefined>)[Symbol.for(`orrery.${name}`)]?.value;
}

/** Forgets the process's value for `name`, so the next processGlobal creates it again (tests, reconfiguration). */
export function resetProcessGlobal(name: string): void {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(`orrery.${name}`)];
}
