import "server-only";
import type pg from "pg";
import { describeDatabase } from "@/lib/storage/config";
import { PostgresDocumentStore } from "@/lib/storage/postgres/documents";
import { ensureMigrated } from "@/lib/storage/postgres/migrations";
import { inTransaction, readQuery } from "@/lib/storage/postgres/pool";
import { RECORD_COLUMNS, recordValues, rowToRecord, type RecordRow } from "../postgres/rows";
import { sameRecord } from "./file-archive";
import type { DashboardArchive, RecordSet, WriteOutcome } from "./types";

/** A PostgreSQL database of the PostgreSQL store (migrated on first use). */
export class PostgresArchive implements DashboardArchive {
  readonly label: string;
  readonly documents: PostgresDocumentStore;

  constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.label = `PostgreSQL ${describeDatabase(url)}`;
    this.documents = new PostgresDocumentStore(pool);
  }

  async uids(): Promise<string[]> {
    await ensureMigrated(this.pool);
    return (await readQuery<{ uid: string }>(this.pool, "list dashboards", "SELECT uid FROM dashboards ORDER BY uid")).rows.map((r) => r.uid);
  }

  async read(uid: string): Promise<RecordSet | undefined> {
    await ensureMigrated(this.pool);
    const cur = await readQuery<RecordRow>(this.pool, `read dashboard ${uid}`, `SELECT ${RECORD_COLUMNS} FROM dashboards WHERE uid = $1`, [uid]);
    if (cur.rows.length === 0) return undefined;
    const current = rowToRecord(cur.rows[0]!);
    const versions = await readQuery<RecordRow>(
      this.pool,
      `read the history of dashboard ${uid}`,
      `SELECT ${RECORD_COLUMNS} FROM dashboard_versions WHERE uid = $1 AND version <= $2 ORDER BY version`,
      [uid, current.meta.version],
    );
    return { current, versions: versions.rows.map(rowToRecord) };
  }

  async write(uid: string, set: RecordSet): Promise<WriteOutcome> {
    await ensureMigrated(this.pool);
    return inTransaction(this.pool, `import dashboard ${uid}`, async (client) => {
      const inserted = await client.query(
        `INSERT INTO dashboards (${RECORD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (uid) DO NOTHING`,
        recordValues(set.current.meta, set.current.doc),
      );
      if (inserted.rowCount === 0) {
        const { rows } = await client.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM dashboards WHERE uid = $1 FOR UPDATE`, [uid]);
        const existing = rowToRecord(rows[0]!);
        if (!sameRecord(existing, set.current)) return { dashboard: "conflict", versionsAdded: 0, targetVersion: existing.meta.version };
      }
      let versionsAdded = 0;
      for (const record of set.versions) {
        const res = await client.query(
          `INSERT INTO dashboard_versions (${RECORD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (uid, version) DO NOTHING`,
          recordValues(record.meta, record.doc),
        );
        versionsAdded += res.rowCount ?? 0;
      }
      return { dashboard: inserted.rowCount === 0 ? "unchanged" : "new", versionsAdded };
    });
  }

  async close(): Promise<void> {}
}
