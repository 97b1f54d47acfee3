// Safe readers for untrusted, already-parsed JSON. Only own properties are read, so `__proto__`,
// `constructor` and friends in the input never reach a prototype; nothing here writes to input.

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** An own property of an object (never one inherited from Object.prototype). */
export function get(obj: unknown, key: string): unknown {
  return isObject(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function getObject(obj: unknown, key: string): JsonObject | undefined {
  const v = get(obj, key);
  return isObject(v) ? v : undefined;
}

export function getArray(obj: unknown, key: string): readonly unknown[] {
  const v = get(obj, key);
  return Array.isArray(v) ? v : [];
}

export function getString(obj: unknown, key: string): string | undefined {
  const v = get(obj, key);
  return typeof v === "string" ? v : undefined;
}

/** A finite number, or a numeric string ("0", "1.0": legacy y-axes store them as strings). */
export function getNumber(obj: unknown, key: string): number | undefined {
  const v = get(obj, key);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function getBool(obj: unknown, key: string): boolean | undefined {
  const v = get(obj, key);
  return typeof v === "boolean" ? v : undefined;
}

/** Own enumerable keys, without keys that could pollute a prototype when copied. */
export function safeKeys(obj: JsonObject): string[] {
  return Object.keys(obj).filter((k) => k !== "__proto__" && k !== "constructor" && k !== "prototype");
}

/** Whether a value is "set" in Grafana's sense (null, "" and missing mean unset). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

/**
 * The nesting depth of a JSON value, computed without recursion, stopping once `limit` is passed
 * (a 100k-deep document must not blow the stack, and need not be walked to the bottom).
 */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let visited = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > limit) return true;
    // A DAG of shared references cannot come from JSON.parse, but a caller could pass one: bound the work.
    if (++visited > 5_000_000) return true;
    if (Array.isArray(v)) for (const child of v) stack.push([child, depth + 1]);
    else if (v !== null && typeof v === "object") for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
