import { diffJson, type JsonChange } from "./json-diff";
import { diffLines, toHunks, type DiffHunk } from "./line-diff";
import { summarizeChanges, type ChangeSummary } from "./summary";

export * from "./json-diff";
export * from "./line-diff";
export * from "./summary";

/** Everything the compare view shows for two versions of a dashboard. */
export interface DashboardDiff {
  changes: JsonChange[];
  summary: ChangeSummary[];
  hunks: DiffHunk[];
  linesAdded: number;
  linesRemoved: number;
}

/** The JSON as the versions page shows it, and as the line diff compares it. */
export function prettyJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2);
}

/** The structural changes, their summary and the JSON line diff from `before` to `after`. */
export function diffDashboards(before: unknown, after: unknown, context = 3): DashboardDiff {
  const changes = diffJson(before, after);
  const lines = diffLines(prettyJson(before).split("\n"), prettyJson(after).split("\n"));
  return {
    changes,
    summary: summarizeChanges(changes, before, after),
    hunks: toHunks(lines, context),
    linesAdded: lines.filter((l) => l.kind === "added").length,
    linesRemoved: lines.filter((l) => l.kind === "removed").length,
  };
}
