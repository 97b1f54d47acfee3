export type PathSegment = string | number;
export type ChangeKind = "added" | "removed" | "changed";

/**
 * One difference between two JSON documents. Indices in `path` are positions in the newer
 * document, except the last one of a `removed` item, which is its position in the older one.
 */
export interface JsonChange {
  path: string;
  segments: readonly PathSegment[];
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  /** The same items in a new order; `before` and `after` hold the items' keys in each order. */
  reordered?: true;
}

type JsonObject = Record<string, unknown>;

// Array items carrying one of these (unique in both arrays) are matched by it, in this order:
// panels by `id`, variables by `name`, queries by `refId`. Anything else is matched by position.
const MATCH_KEYS = ["id", "name", "refId"] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isPrimitive = (value: unknown) => value === null || (typeof value !== "object" && typeof value !== "function");

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["panels", 2, "title"]` -> `panels[2].title`; keys that are not identifiers are quoted. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((s, i) => (typeof s === "number" ? `[${s}]` : IDENTIFIER.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`))
    .join("");
}

function keyOf(item: unknown, key: MatchKey): string | number | undefined {
  if (!isObject(item)) return undefined;
  const value = item[key];
  return typeof value === "string" || typeof value === "number" ? value : undefined;
}

function uniquelyKeyed(items: readonly unknown[], key: MatchKey): boolean {
  const seen = new Set<string | number>();
  for (const item of items) {
    const value = keyOf(item, key);
    if (value === undefined || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

/** The key both arrays' items are matched by, or null to match them by position. */
export function matchKeyOf(before: readonly unknown[], after: readonly unknown[]): MatchKey | null {
  if (before.length + after.length === 0) return null;
  return MATCH_KEYS.find((key) => uniquelyKeyed(before, key) && uniquelyKeyed(after, key)) ?? null;
}

/** Deep equality of JSON values; an `undefined` property counts as absent, as in JSON.stringify. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => jsonEqual(a[k], b[k]));
}

function change(kind: ChangeKind, segments: PathSegment[], before: unknown, after: unknown): JsonChange {
  const c: JsonChange = { path: formatPath(segments), segments, kind };
  if (kind !== "added") c.before = before;
  if (kind !== "removed") c.after = after;
  return c;
}

function diffObjects(a: JsonObject, b: JsonObject, at: PathSegment[], out: JsonChange[]): void {
  for (const key of Object.keys(a)) {
    if (a[key] === undefined) continue;
    if (b[key] === undefined) out.push(change("removed", [...at, key], a[key], undefined));
    else diffValues(a[key], b[key], [...at, key], out);
  }
  for (const key of Object.keys(b)) {
    if (b[key] !== undefined && a[key] === undefined) out.push(change("added", [...at, key], undefined, b[key]));
  }
}

function diffByPosition(a: readonly unknown[], b: readonly unknown[], at: PathSegment[], out: JsonChange[]): void {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= b.length) out.push(change("removed", [...at, i], a[i], undefined));
    else if (i >= a.length) out.push(change("added", [...at, i], undefined, b[i]));
    else diffValues(a[i], b[i], [...at, i], out);
  }
}

function diffByKey(a: readonly unknown[], b: readonly unknown[], key: MatchKey, at: PathSegment[], out: JsonChange[]): void {
  const beforeByKey = new Map(a.map((item) => [keyOf(item, key), item]));
  const afterKeys = new Set(b.map((item) => keyOf(item, key)));
  a.forEach((item, i) => {
    if (!afterKeys.has(keyOf(item, key))) out.push(change("removed", [...at, i], item, undefined));
  });
  b.forEach((item, j) => {
    const k = keyOf(item, key);
    if (beforeByKey.has(k)) diffValues(beforeByKey.get(k), item, [...at, j], out);
    else out.push(change("added", [...at, j], undefined, item));
  });
  const beforeOrder = a.map((item) => keyOf(item, key)).filter((k) => afterKeys.has(k));
  const afterOrder = b.map((item) => keyOf(item, key)).filter((k) => beforeByKey.has(k));
  if (!jsonEqual(beforeOrder, afterOrder)) out.push({ ...change("changed", at, beforeOrder, afterOrder), reordered: true });
}

function diffValues(a: unknown, b: unknown, at: PathSegment[], out: JsonChange[]): void {
  if (jsonEqual(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    // Lists of plain values (tags, selected values, legend calcs) read best as one before/after.
    if (a.every(isPrimitive) && b.every(isPrimitive)) {
      out.push(change("changed", at, a, b));
      return;
    }
    const key = matchKeyOf(a, b);
    if (key) diffByKey(a, b, key, at, out);
    else diffByPosition(a, b, at, out);
    return;
  }
  if (isObject(a) && isObject(b)) diffObjects(a, b, at, out);
  else out.push(change("changed", at, a, b));
}

/**
 * The structural differences from `before` to `after`: objects by key, arrays of panels by `id`,
 * of variables by `name`, of queries by `refId`, other arrays by position. An added or removed
 * subtree is one change holding the whole subtree.
 */
export function diffJson(before: unknown, after: unknown): JsonChange[] {
  const out: JsonChange[] = [];
  diffValues(before, after, [], out);
  return out;
}
