import { isSet, safeKeys, type JsonObject } from "./json";

/** One thing the importer could not carry over (or carried over changed), with where and why. */
export interface ImportReportEntry {
  /** The Grafana panel the entry is about; absent for dashboard-level fields (variables, links, ...). */
  panel?: { id?: number; title: string; type: string };
  /** JSON path in the Grafana document, e.g. `panels[3].fieldConfig.defaults.mappings`. */
  path: string;
  reason: string;
}

/** A Grafana document that is not a dashboard at all (the message names what is wrong). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

/** Collects report entries; one per field not carried over. */
export class Reporter {
  readonly entries: ImportReportEntry[] = [];

  add(path: string, reason: string, panel?: ImportReportEntry["panel"]): void {
    this.entries.push(panel ? { panel, path, reason } : { path, reason });
  }
}

/** Reporting for one place in the document: paths are relative to `base`, entries carry the panel. */
export class ReportScope {
  constructor(
    private readonly reporter: Reporter,
    readonly base: string,
    readonly panel?: ImportReportEntry["panel"],
  ) {}

  path(sub: string | number): string {
    if (typeof sub === "number") return `${this.base}[${sub}]`;
    if (sub === "") return this.base;
    return this.base === "" ? sub : sub.startsWith("[") ? `${this.base}${sub}` : `${this.base}.${sub}`;
  }

  /** Records that the field at `sub` (relative to this scope) was not carried over, and why. */
  lost(sub: string | number, reason: string): void {
    this.reporter.add(this.path(sub), reason, this.panel);
  }

  child(sub: string | number, panel?: ImportReportEntry["panel"]): ReportScope {
    return new ReportScope(this.reporter, this.path(sub), panel ?? this.panel);
  }
}

/** Reports every key of `obj` not in `known` whose value is not one of Grafana's neutral defaults. */
export function reportRest(obj: JsonObject | undefined, known: Readonly<Record<string, unknown>>, scope: ReportScope, what: string): void {
  if (!obj) return;
  for (const key of safeKeys(obj)) {
    if (Object.hasOwn(known, key)) {
      const neutral = known[key];
      const v = obj[key];
      if (neutral === "*" || neutral === "handled" || stableJson(v) === stableJson(neutral)) continue;
    }
    const v = obj[key];
    if (!isSet(v) || v === false || (Array.isArray(v) && v.length === 0)) continue;
    scope.lost(key, `${what} "${key}" (${JSON.stringify(v).slice(0, 80)}) is not supported`);
  }
}

// JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal.
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) =>
    x !== null && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}
