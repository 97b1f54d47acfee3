import { zodIssues, type Issue } from "@/lib/validation/issues";
import { migrateDashboard, MigrationError } from "./migrate";
import { dashboardSchema, type Dashboard } from "./schema";

export type ParseResult = { ok: true; dashboard: Dashboard } | { ok: false; issues: Issue[] };

/**
 * Migrates and validates a dashboard document: the single entry for dashboard JSON from disk, the
 * API, the JSON editor and import. Invalid input is refused with the path of every failing field.
 */
export function parseDashboard(doc: unknown): ParseResult {
  let migrated: unknown;
  try {
    migrated = migrateDashboard(doc);
  } catch (e) {
    if (!(e instanceof MigrationError)) throw e;
    const [path, ...rest] = e.message.split(": ");
    return { ok: false, issues: [{ path: path!, message: rest.join(": ") }] };
  }
  const parsed = dashboardSchema.safeParse(migrated);
  return parsed.success ? { ok: true, dashboard: parsed.data } : { ok: false, issues: zodIssues(parsed.error) };
}
