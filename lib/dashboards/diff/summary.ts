import { formatPath, matchKeyOf, type ChangeKind, type JsonChange, type PathSegment } from "./json-diff";

/** One readable line of a change summary, e.g. `Panel “Errors” title changed from "A" to "B"`. */
export interface ChangeSummary {
  kind: ChangeKind;
  path: string;
  text: string;
}

type Item = Record<string, unknown> | undefined;

const MAX_VALUE_CHARS = 80;

/** A value as a short, single-line string: strings quoted, objects as truncated JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function asItem(value: unknown): Item {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function arrayAt(doc: unknown, key: string): unknown[] {
  const value = asItem(doc)?.[key];
  return Array.isArray(value) ? value : [];
}

/** The item at `index` of the newer array and its counterpart in the older one, matched as diffJson does. */
function pair(beforeItems: unknown[], afterItems: unknown[], index: number, removedLeaf: boolean): { before: Item; after: Item } {
  if (removedLeaf) return { before: asItem(beforeItems[index]), after: undefined };
  const after = asItem(afterItems[index]);
  const key = matchKeyOf(beforeItems, afterItems);
  const before = key ? beforeItems.find((b) => asItem(b)?.[key] === after?.[key]) : beforeItems[index];
  return { before: asItem(before), after };
}

const lower = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function panelName(p: Item): string {
  const kind = p?.type === "row" ? "Row" : "Panel";
  const title = typeof p?.title === "string" && p.title !== "" ? `“${p.title}”` : `#${String(p?.id ?? "?")}`;
  return `${kind} ${title}`;
}

interface Subject {
  name: string;
  /** The path inside the subject; empty when the change is the subject itself. */
  rest: readonly PathSegment[];
  /** What the subject's items are called when they are reordered. */
  items?: string;
}

// A panel's queries are named by refId, as the query editor shows them.
function inPanel(name: string, panel: { before: Item; after: Item }, rest: readonly PathSegment[], removedQuery: boolean): Subject {
  if (rest[0] !== "targets") return { name, rest };
  if (rest.length === 1) return { name, rest, items: `Query order of ${lower(name)}` };
  if (typeof rest[1] !== "number") return { name, rest };
  const query = pair(arrayAt(panel.before, "targets"), arrayAt(panel.after, "targets"), rest[1], removedQuery);
  return { name: `Query ${String((query.before ?? query.after)?.refId ?? rest[1])} of ${lower(name)}`, rest: rest.slice(2) };
}

// Panels (rows' panels too) and variables are named by what users see: their title or name.
function subjectOf(change: JsonChange, before: unknown, after: unknown): Subject {
  const s = change.segments;
  const removedAt = (depth: number) => change.kind === "removed" && s.length === depth;
  if (s[0] === "panels" && typeof s[1] === "number") {
    const top = pair(arrayAt(before, "panels"), arrayAt(after, "panels"), s[1], removedAt(2));
    if (s[2] === "panels" && typeof s[3] === "number") {
      const child = pair(arrayAt(top.before, "panels"), arrayAt(top.after, "panels"), s[3], removedAt(4));
      return inPanel(`${panelName(child.before ?? child.after)} in ${lower(panelName(top.before ?? top.after))}`, child, s.slice(4), removedAt(6));
    }
    const name = panelName(top.before ?? top.after);
    if (s[2] === "panels" && s.length === 3) return { name, rest: [], items: `Panel order in ${lower(name)}` };
    return inPanel(name, top, s.slice(2), removedAt(4));
  }
  if (s[0] === "panels" && s.length === 1) return { name: "Dashboard", rest: s, items: "Panel order" };
  if (s[0] === "templating" && s[1] === "list") {
    if (s.length === 2) return { name: "Dashboard", rest: s, items: "Variable order" };
    if (typeof s[2] === "number") {
      const v = pair(arrayAt(asItem(before)?.templating, "list"), arrayAt(asItem(after)?.templating, "list"), s[2], removedAt(3));
      return { name: `Variable “${String((v.before ?? v.after)?.name ?? s[2])}”`, rest: s.slice(3) };
    }
  }
  return { name: "Dashboard", rest: s };
}

function describe(change: JsonChange, subject: Subject): string {
  if (change.reordered) {
    const order = (keys: unknown) => (Array.isArray(keys) ? keys.map(String).join(", ") : "");
    const what = subject.items ?? `${subject.name} ${formatPath(subject.rest)} order`;
    return `${what} changed from ${order(change.before)} to ${order(change.after)}`;
  }
  if (subject.rest.length === 0) {
    const item = asItem(change.kind === "removed" ? change.before : change.after);
    const type = typeof item?.type === "string" && item.type !== "row" ? ` (${item.type})` : "";
    if (change.kind === "added") return `Added ${lower(subject.name)}${type}`;
    if (change.kind === "removed") return `Removed ${lower(subject.name)}`;
  }
  const field = formatPath(subject.rest);
  if (change.kind === "added") return `${subject.name} ${field} added: ${formatValue(change.after)}`;
  if (change.kind === "removed") return `${subject.name} ${field} removed (was ${formatValue(change.before)})`;
  return `${subject.name} ${field} changed from ${formatValue(change.before)} to ${formatValue(change.after)}`;
}

/**
 * Readable lines for the changes of diffJson(before, after) between two dashboards: panels named by
 * title (by `#id` when untitled), variables by name, anything else as a path on the dashboard.
 */
export function summarizeChanges(changes: readonly JsonChange[], before: unknown, after: unknown): ChangeSummary[] {
  return changes.map((change) => ({ kind: change.kind, path: change.path, text: describe(change, subjectOf(change, before, after)) }));
}
