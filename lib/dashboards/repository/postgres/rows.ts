import type { Dashboard } from "../../schema";
import type { RawRecord } from "../records";
import type { VersionMeta } from "../types";

/** The columns of a `dashboards` or `dashboard_versions` row. */
export interface RecordRow {
  uid: string;
  version: number;
  dashboard: unknown;
  created_at: string;
  updated_at: string;
  updated_by: string;
  message: string;
}

export const RECORD_COLUMNS = "uid, version, dashboard, created_at, updated_at, updated_by, message";

/** A row as the record the file store reads: meta keys in versionMetaSchema's order, so responses match byte for byte. */
export function rowToRecord(row: RecordRow): RawRecord {
  const meta: VersionMeta = {
    uid: row.uid,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    message: row.message,
  };
  return { meta, doc: row.dashboard };
}

/** The parameters of an INSERT of RECORD_COLUMNS. */
export function recordValues(meta: VersionMeta, dashboard: Dashboard | unknown): unknown[] {
  // pg would send a JS array as a PostgreSQL array; JSON text is what a jsonb parameter needs.
  return [meta.uid, meta.version, JSON.stringify(dashboard), meta.createdAt, meta.updatedAt, meta.updatedBy, meta.message];
}
