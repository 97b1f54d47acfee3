import type { Issue } from "@/lib/validation/issues";
import { parseDashboard } from "../parse";
import type { Dashboard } from "../schema";

export type JsonCheck = { ok: true; dashboard: Dashboard } | { ok: false; issues: Issue[] };

/** Line and column of a character offset, both from 1. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * Checks the JSON model editor's text: JSON syntax, then the dashboard schema (every issue with
 * its path), and that the uid is still the edited dashboard's; a copy is made with "Save as copy".
 */
export function checkDashboardJson(text: string, uid: string): JsonCheck {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    return { ok: false, issues: [{ path: "(json)", message: at ? `${message} (${lineColumn(text, Number(at[1]))})` : message }] };
  }
  const parsed = parseDashboard(doc);
  if (!parsed.ok) return parsed;
  if (parsed.dashboard.uid !== uid) {
    return { ok: false, issues: [{ path: "uid", message: `must stay "${uid}"; use "Save as copy" for a dashboard under another uid` }] };
  }
  return parsed;
}
