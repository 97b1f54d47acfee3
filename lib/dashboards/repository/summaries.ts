import { ApiError } from "@/lib/http/errors";
import type { ProvisionedEntry } from "./provisioned";
import type { DashboardSummary, ListFilter, StoredDashboard } from "./types";

/** The list row of a dashboard. */
export function summaryOf({ dashboard, meta }: StoredDashboard): DashboardSummary {
  return {
    uid: dashboard.uid,
    title: dashboard.title,
    tags: dashboard.tags,
    version: meta.version,
    updatedAt: meta.updatedAt,
    provisioned: meta.provisioned,
  };
}

/** The list row of a dashboard that does not parse: listed under its uid, with its problem. */
export function brokenSummary(uid: string, error: unknown, at: { version: number; updatedAt: string; provisioned: boolean }): DashboardSummary {
  const message = error instanceof ApiError ? error.message : "cannot be read";
  return { uid, title: uid, tags: [], ...at, error: message };
}

/** The list row of a provisioned file, valid or not. */
export function provisionedSummary(entry: ProvisionedEntry): DashboardSummary {
  if (entry.stored) return summaryOf(entry.stored);
  const issues = (entry.issues ?? []).slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
  return { uid: entry.uid, title: entry.uid, tags: [], version: 1, updatedAt: entry.updatedAt, provisioned: true, error: `${entry.file} is invalid: ${issues}` };
}

/** Applies the search (title substring, case-insensitive; every tag required) and sorts by title, then uid. */
export function filterSummaries(rows: DashboardSummary[], filter: ListFilter = {}): DashboardSummary[] {
  const query = filter.query?.trim().toLowerCase() ?? "";
  const tags = filter.tags ?? [];
  return rows
    .filter((r) => (query === "" || r.title.toLowerCase().includes(query)) && tags.every((t) => r.tags.includes(t)))
    .sort((a, b) => a.title.localeCompare(b.title, "en", { sensitivity: "base" }) || a.uid.localeCompare(b.uid));
}
