import "server-only";
import type pg from "pg";
import { describeDatabase } from "@/lib/storage/config";
import { shortReason } from "@/lib/storage/errors";
import { ensureMigrated } from "@/lib/storage/postgres/migrations";
import { inTransaction, readQuery } from "@/lib/storage/postgres/pool";
import type { Dashboard } from "../../schema";
import * as errors from "../errors";
import { isKept } from "../history";
import { assertUid } from "../paths";
import { loadProvisioned } from "../provisioned";
import { toStored, type RawRecord } from "../records";
import { brokenSummary, filterSummaries, provisionedSummary, summaryOf } from "../summaries";
import type * as T from "../types";
import { RECORD_COLUMNS, recordValues, rowToRecord, type RecordRow } from "./rows";

const MAX_VERSION = 2 ** 31 - 1;

export interface PostgresRepositoryConfig {
  provisionedDir: string;
  versionsToKeep: number;
}

/**
 * Dashboards in PostgreSQL: `dashboards` holds the current version of each (jsonb), and every save
 * adds its row to `dashboard_versions` in the same transaction. The version check is the UPDATE's
 * own `WHERE uid = $1 AND version = $2`, so two replicas saving the same version get one success and
 * one 409. Responses are identical to FileDashboardRepository's; provisioned dashboards still come
 * from the folder.
 */
export class PostgresDashboardRepository implements T.DashboardRepository {
  readonly kind = "postgres" as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly config: PostgresRepositoryConfig,
  ) {}

  async list(filter?: T.ListFilter): Promise<T.DashboardSummary[]> {
    const provisioned = await loadProvisioned(this.config.provisionedDir);
    await this.ready();
    const { rows } = await readQuery<RecordRow>(this.pool, "list dashboards", `SELECT ${RECORD_COLUMNS} FROM dashboards`);
    const out = [...provisioned.values()].map(provisionedSummary);
    for (const row of rows) {
      if (provisioned.has(row.uid)) continue; // the provisioned copy shadows a stored one with its uid
      const raw = rowToRecord(row);
      try {
        out.push(summaryOf(toStored(raw)));
      } catch (e) {
        out.push(brokenSummary(row.uid, e, { version: raw.meta.version, updatedAt: raw.meta.updatedAt, provisioned: false }));
      }
    }
    return filterSummaries(out, filter);
  }

  async get(uid: string): Promise<T.StoredDashboard> {
    assertUid(uid);
    const provisioned = await this.provisioned(uid);
    if (provisioned) return provisioned;
    return toStored(await this.current(uid));
  }

  async create(dashboard: Dashboard, options: T.SaveOptions): Promise<T.StoredDashboard> {
    const { uid } = dashboard;
    assertUid(uid);
    if (await this.isProvisioned(uid)) throw errors.alreadyExists(uid, true);
    await this.ready();
    const now = new Date().toISOString();
    const meta: T.VersionMeta = { uid, version: 1, createdAt: now, updatedAt: now, updatedBy: options.user, message: options.message ?? "" };
    return inTransaction(this.pool, `save dashboard ${uid}`, async (client) => {
      const inserted = await client.query(`INSERT INTO dashboards (${RECORD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (uid) DO NOTHING`, recordValues(meta, dashboard));
      if (inserted.rowCount === 0) throw errors.alreadyExists(uid, false);
      return this.addVersion(client, meta, dashboard);
    });
  }

  async update(uid: string, dashboard: Dashboard, expectedVersion: number, options: T.SaveOptions): Promise<T.StoredDashboard> {
    assertUid(uid);
    if (dashboard.uid !== uid) throw errors.uidMismatch(uid, dashboard.uid);
    if (await this.isProvisioned(uid)) throw errors.provisionedReadOnly(uid, "saved over");
    await this.ready();
    return inTransaction(this.pool, `save dashboard ${uid}`, async (client) => {
      const updatedAt = new Date().toISOString();
      // A version past int4 cannot match (and PostgreSQL would refuse the parameter): stale, as in the file store.
      if (expectedVersion > MAX_VERSION) throw await this.whyNotUpdated(client, uid, expectedVersion);
      const { rows } = await client.query<{ created_at: string }>(
        `UPDATE dashboards SET version = version + 1, dashboard = $3, updated_at = $4, updated_by = $5, message = $6
         WHERE uid = $1 AND version = $2 RETURNING created_at`,
        [uid, expectedVersion, JSON.stringify(dashboard), updatedAt, options.user, options.message ?? ""],
      );
      if (rows.length === 0) throw await this.whyNotUpdated(client, uid, expectedVersion);
      const meta: T.VersionMeta = { uid, version: expectedVersion + 1, createdAt: rows[0]!.created_at, updatedAt, updatedBy: options.user, message: options.message ?? "" };
      return this.addVersion(client, meta, dashboard);
    });
  }

  async delete(uid: string): Promise<void> {
    assertUid(uid);
    if (await this.isProvisioned(uid)) throw errors.provisionedReadOnly(uid, "deleted");
    await this.ready();
    await inTransaction(this.pool, `delete dashboard ${uid}`, async (client) => {
      const history = await client.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM dashboard_versions WHERE uid = $1 ORDER BY version`, [uid]);
      const { rows } = await client.query<RecordRow>(`DELETE FROM dashboards WHERE uid = $1 RETURNING ${RECORD_COLUMNS}`, [uid]);
      if (rows.length === 0) throw errors.dashboardNotFound(uid);
      // The versions went with ON DELETE CASCADE; the trash keeps them with the current one, recoverable by hand.
      await client.query("INSERT INTO dashboard_trash (uid, current, versions) VALUES ($1, $2, $3)", [
        uid,
        JSON.stringify(rowToRecord(rows[0]!)),
        JSON.stringify(history.rows.map(rowToRecord)),
      ]);
    });
  }

  async listVersions(uid: string): Promise<T.VersionSummary[]> {
    assertUid(uid);
    const provisioned = await this.provisioned(uid);
    if (provisioned) {
      const { version, updatedAt, updatedBy, message } = provisioned.meta;
      return [{ version, updatedAt, updatedBy, message }];
    }
    const current = await this.current(uid);
    const { rows } = await readQuery<RecordRow>(
      this.pool,
      `read the history of dashboard ${uid}`,
      `SELECT version, updated_at, updated_by, message FROM dashboard_versions WHERE uid = $1 AND version <= $2 AND version > $2 - $3 ORDER BY version DESC`,
      [uid, current.meta.version, this.config.versionsToKeep],
    );
    return rows.map((r) => ({ version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by, message: r.message }));
  }

  async getVersion(uid: string, version: number): Promise<T.StoredDashboard> {
    assertUid(uid);
    const provisioned = await this.provisioned(uid);
    if (provisioned && version === 1) return provisioned;
    if (provisioned) throw errors.versionNotFound(uid, version, 1);
    const current = await this.current(uid);
    const keep = this.config.versionsToKeep;
    if (!isKept(version, current.meta.version, keep)) throw errors.versionNotFound(uid, version, keep);
    const { rows } = await readQuery<RecordRow>(this.pool, `read dashboard ${uid}`, `SELECT ${RECORD_COLUMNS} FROM dashboard_versions WHERE uid = $1 AND version = $2`, [uid, version]);
    if (rows.length === 0) throw errors.versionNotFound(uid, version, keep);
    return toStored(rowToRecord(rows[0]!));
  }

  async restore(uid: string, version: number, options: T.SaveOptions & { fromVersion?: number }): Promise<T.StoredDashboard> {
    assertUid(uid);
    if (await this.isProvisioned(uid)) throw errors.provisionedReadOnly(uid, "restored");
    await this.ready();
    return inTransaction(this.pool, `restore dashboard ${uid}`, async (client) => {
      // FOR UPDATE: a concurrent save of this uid waits, so "current" cannot move under the restore.
      const cur = await client.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM dashboards WHERE uid = $1 FOR UPDATE`, [uid]);
      if (cur.rows.length === 0) throw errors.dashboardNotFound(uid);
      const meta = rowToRecord(cur.rows[0]!).meta;
      if (options.fromVersion !== undefined && options.fromVersion !== meta.version) throw errors.staleVersionError(meta, options.fromVersion);
      const keep = this.config.versionsToKeep;
      const old = isKept(version, meta.version, keep)
        ? await client.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM dashboard_versions WHERE uid = $1 AND version = $2`, [uid, version])
        : { rows: [] };
      if (old.rows.length === 0) throw errors.versionNotFound(uid, version, keep);
      const { dashboard } = toStored(rowToRecord(old.rows[0]!));
      const next: T.VersionMeta = {
        uid,
        version: meta.version + 1,
        createdAt: meta.createdAt,
        updatedAt: new Date().toISOString(),
        updatedBy: options.user,
        message: options.message ?? `restored version ${version}`,
      };
      await client.query(`UPDATE dashboards SET version = $2, dashboard = $3, updated_at = $4, updated_by = $5, message = $6 WHERE uid = $1`, [
        uid,
        next.version,
        JSON.stringify(dashboard),
        next.updatedAt,
        next.updatedBy,
        next.message,
      ]);
      return this.addVersion(client, next, dashboard);
    });
  }

  /** Readiness: one round trip to the database (and the schema brought up to date on first use). */
  async ping(): Promise<T.StoreHealth> {
    const started = performance.now();
    try {
      await this.ready();
      await readQuery(this.pool, "reach the database", "SELECT 1");
      return { store: "postgres", ok: true, latencyMs: performance.now() - started };
    } catch (e) {
      return { store: "postgres", ok: false, latencyMs: performance.now() - started, error: `PostgreSQL ${describeDatabase(this.url())}: ${shortReason(e)}` };
    }
  }

  // Inside the save's transaction: the version row, then the history pruned to the last N.
  private async addVersion(client: pg.PoolClient, meta: T.VersionMeta, dashboard: Dashboard): Promise<T.StoredDashboard> {
    await client.query(`INSERT INTO dashboard_versions (${RECORD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, recordValues(meta, dashboard));
    await client.query("DELETE FROM dashboard_versions WHERE uid = $1 AND version <= $2", [meta.uid, meta.version - this.config.versionsToKeep]);
    return { dashboard, meta: { ...meta, provisioned: false } };
  }

  // After an UPDATE matched no row: the dashboard is gone (404) or someone saved a newer version (409).
  private async whyNotUpdated(client: pg.PoolClient, uid: string, expected: number): Promise<Error> {
    const { rows } = await client.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM dashboards WHERE uid = $1`, [uid]);
    if (rows.length === 0) return errors.dashboardNotFound(uid);
    return errors.staleVersionError(rowToRecord(rows[0]!).meta, expected);
  }

  private async current(uid: string): Promise<RawRecord> {
    await this.ready();
    const { rows } = await readQuery<RecordRow>(this.pool, `read dashboard ${uid}`, `SELECT ${RECORD_COLUMNS} FROM dashboards WHERE uid = $1`, [uid]);
    if (rows.length === 0) throw errors.dashboardNotFound(uid);
    return rowToRecord(rows[0]!);
  }

  private async provisioned(uid: string): Promise<T.StoredDashboard | undefined> {
    const entry = (await loadProvisioned(this.config.provisionedDir)).get(uid);
    if (entry && !entry.stored) throw new errors.InvalidStoredDashboardError(uid, entry.issues ?? []);
    return entry?.stored;
  }

  private async isProvisioned(uid: string): Promise<boolean> {
    return (await loadProvisioned(this.config.provisionedDir)).has(uid);
  }

  private async ready(): Promise<void> {
    await ensureMigrated(this.pool);
  }

  private url(): string {
    return (this.pool.options as { connectionString?: string }).connectionString ?? "";
  }
}
