import "server-only";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { isPostgresUrl } from "@/lib/storage/config";
import { getPool } from "@/lib/storage/postgres/pool";
import { FileArchive } from "./file-archive";
import { PostgresArchive } from "./pg-archive";
import type { DashboardArchive } from "./types";

/** `file:<dir>` (relative to `cwd`) or a `postgres://` URL → the archive it names; throws saying what is accepted. */
export function openArchive(spec: string, cwd = process.cwd()): DashboardArchive {
  if (spec.startsWith("file:")) {
    const dir = spec.slice("file:".length);
    if (dir === "") throw new Error('"file:" needs a folder, e.g. file:./data/dashboards');
    return new FileArchive(path.resolve(cwd, dir));
  }
  if (isPostgresUrl(spec)) return new PostgresArchive(getPool(spec), spec);
  throw new Error(`${JSON.stringify(spec.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@"))} is neither file:<folder> nor a postgres:// URL`);
}

export interface Counts {
  new: number;
  unchanged: number;
  conflicting: number;
}

export interface MigrationReport {
  from: string;
  to: string;
  dashboards: Counts;
  versions: { new: number };
  documents: Counts;
  /** One line per conflict: what differs, left as it is in the target. */
  conflicts: string[];
}

/**
 * Copies every stored dashboard (current record and history) and every auth document from one
 * archive to the other. Idempotent: what the target already has is left alone, so a second run
 * reports 0 new; a dashboard or document that differs in the target is never overwritten but
 * reported as a conflict. Provisioned dashboards are not moved (they come from their folder).
 */
export async function migrateArchives(from: DashboardArchive, to: DashboardArchive): Promise<MigrationReport> {
  const report: MigrationReport = {
    from: from.label,
    to: to.label,
    dashboards: { new: 0, unchanged: 0, conflicting: 0 },
    versions: { new: 0 },
    documents: { new: 0, unchanged: 0, conflicting: 0 },
    conflicts: [],
  };
  for (const uid of await from.uids()) {
    const set = await from.read(uid);
    if (!set) continue;
    const outcome = await to.write(uid, set);
    report.versions.new += outcome.versionsAdded;
    if (outcome.dashboard === "new") report.dashboards.new++;
    else if (outcome.dashboard === "unchanged") report.dashboards.unchanged++;
    else {
      report.dashboards.conflicting++;
      report.conflicts.push(`dashboard ${uid}: the target has a different version ${outcome.targetVersion} (source: version ${set.current.meta.version}); left as it is`);
    }
  }
  for (const name of await from.documents.names()) {
    const doc = await from.documents.read(name);
    if (doc === undefined) continue;
    const outcome = await to.documents.update(name, (existing) => {
      if (existing === undefined) return { result: "new" as const, doc };
      return { result: isDeepStrictEqual(existing, doc) ? ("unchanged" as const) : ("conflicting" as const) };
    });
    report.documents[outcome]++;
    if (outcome === "conflicting") report.conflicts.push(`auth document ${name}: differs in the target; left as it is`);
  }
  return report;
}

/** The report as the CLI prints it. */
export function formatReport(r: MigrationReport): string {
  const c = (x: Counts) => `${x.new} new, ${x.unchanged} unchanged, ${x.conflicting} conflicting`;
  return [
    `migrate-dashboards: ${r.from} -> ${r.to}`,
    `dashboards: ${c(r.dashboards)}`,
    `versions: ${r.versions.new} new`,
    `auth documents: ${c(r.documents)}`,
    ...r.conflicts.map((line) => `conflict: ${line}`),
  ].join("\n");
}
