import "server-only";
import type pg from "pg";
import { describeDatabase } from "@/lib/storage/config";
import { translateStoreError } from "@/lib/storage/errors";
import { guardCheckedOut } from "./pool";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, one step per change, never edited once released: add a step instead. Timestamps are
 * kept as the ISO 8601 text the API returns (`2026-11-28T08:04:02.123Z`), so switching stores cannot
 * change a response by a digit; documents are jsonb.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "dashboards and their versions",
    sql: `
      CREATE TABLE dashboards (
        uid text PRIMARY KEY,
        version integer NOT NULL CHECK (version >= 1),
        dashboard jsonb NOT NULL,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        updated_by text NOT NULL,
        message text NOT NULL
      );
      CREATE TABLE dashboard_versions (
        uid text NOT NULL REFERENCES dashboards (uid) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        dashboard jsonb NOT NULL,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        updated_by text NOT NULL,
        message text NOT NULL,
        PRIMARY KEY (uid, version)
      );
      -- Deleted dashboards with their history, recoverable by hand (the file store's .trash folder).
      CREATE TABLE dashboard_trash (
        id bigserial PRIMARY KEY,
        uid text NOT NULL,
        deleted_at timestamptz NOT NULL DEFAULT now(),
        current jsonb NOT NULL,
        versions jsonb NOT NULL
      );`,
  },
  {
    version: 2,
    name: "auth documents (users, API tokens, embed tokens, short links)",
    sql: `
      CREATE TABLE kv_documents (
        name text PRIMARY KEY,
        doc jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

// pg_advisory_lock key: "orrery" in ASCII. Session-level, so it is held across the per-step transactions.
const LOCK_KEY = "122550255776377";

export interface MigrationResult {
  applied: number[];
  version: number;
}

/**
 * Brings the schema up to date: under a session advisory lock (two replicas starting at once take
 * turns), creates schema_migrations, then applies each missing step in its own transaction with its
 * row in schema_migrations. Idempotent. Connection problems become a 503 StoreUnavailableError.
 */
export async function migrate(pool: pg.Pool, steps: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  const where = describeDatabase((pool.options as { connectionString?: string }).connectionString ?? "");
  let client: pg.PoolClient | undefined;
  let unguard = () => {};
  try {
    client = await pool.connect();
    unguard = guardCheckedOut(client);
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
      const applied: number[] = [];
      for (const step of [...steps].sort((a, b) => a.version - b.version)) {
        if (done.has(step.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(step.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [step.version, step.name]);
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw Object.assign(new Error(`migration ${step.version} (${step.name}) failed: ${(e as Error).message}`, { cause: e }), { code: (e as { code?: unknown }).code });
        }
        applied.push(step.version);
      }
      const version = Math.max(0, ...done, ...applied);
      return { applied, version };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    }
  } catch (e) {
    unguard();
    client?.release(e as Error);
    client = undefined;
    throw translateStoreError(e, "apply the database migrations", where, "read");
  } finally {
    unguard();
    client?.release();
  }
}

const ready = new Map<pg.Pool, Promise<MigrationResult>>();

/** migrate() once per pool and process; a failure is not remembered, so the next call tries again. */
export function ensureMigrated(pool: pg.Pool): Promise<MigrationResult> {
  let p = ready.get(pool);
  if (!p) {
    p = migrate(pool);
    ready.set(pool, p);
    p.catch(() => ready.delete(pool));
  }
  return p;
}
