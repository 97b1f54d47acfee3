import "server-only";
import pg from "pg";
import { processGlobal } from "@/lib/ops/process-global";
import { describeDatabase } from "@/lib/storage/config";
import { shortReason, translateStoreError } from "@/lib/storage/errors";

// Connection attempts give up quickly so a request answers 503 instead of hanging; a query the
// server does not answer (a frozen host) is abandoned after QUERY_TIMEOUT_MS.
const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 15_000;
const POOL_SIZE = 10;

interface Pools {
  byUrl: Map<string, pg.Pool>;
}

// One pool per URL per process (lib/ops/process-global.ts): Next gives every route bundle its own copy
// of this module, and they should share connections.
const pools: Pools = processGlobal("postgresPools", () => ({ byUrl: new Map() }));

/** The shared pool for `url`, created on first use. Broken connections are dropped and replaced on the next query. */
export function getPool(url: string): pg.Pool {
  let pool = pools.byUrl.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: "orrery",
    });
    // An idle client losing its server (restart, failover) emits here; without a listener it would crash the process.
    pool.on("error", (e) => console.error(`[storage] idle PostgreSQL connection to ${describeDatabase(url)} lost: ${shortReason(e)}`));
    pools.byUrl.set(url, pool);
  }
  return pool;
}

/** Closes every pool (tests, the CLI at exit). */
export async function closePools(): Promise<void> {
  const all = [...pools.byUrl.values()];
  pools.byUrl.clear();
  await Promise.all(all.map((p) => p.end().catch(() => undefined)));
}

/**
 * Runs `fn` in a transaction on one client: COMMIT when it resolves, ROLLBACK when it throws.
 * Errors are mapped by translateStoreError; a connection lost during COMMIT is reported as "unknown".
 */
export async function inTransaction<R>(pool: pg.Pool, what: string, fn: (client: pg.PoolClient) => Promise<R>): Promise<R> {
  const where = describeDatabase(poolUrl(pool));
  let client: pg.PoolClient | undefined;
  let unguard = () => {};
  let committing = false;
  try {
    client = await pool.connect();
    unguard = guardCheckedOut(client);
    await client.query("BEGIN");
    const result = await fn(client);
    committing = true;
    await client.query("COMMIT");
    unguard();
    client.release();
    return result;
  } catch (e) {
    unguard();
    if (client) {
      // A broken connection cannot roll back; releasing it with the error drops it from the pool.
      const rolledBack = committing ? false : await client.query("ROLLBACK").then(() => true, () => false);
      client.release(rolledBack ? undefined : (e as Error));
    }
    throw translateStoreError(e, what, where, committing ? "unknown" : "nothing");
  }
}

/**
 * A checked-out client has no "error" listener (the pool only watches idle ones), so a connection
 * lost between two statements would be an uncaught exception and end the process. The statement
 * in flight, or the next one, fails anyway and is reported; this only keeps the process alive.
 * Returns the function that removes the listener before the client goes back to the pool.
 */
export function guardCheckedOut(client: pg.PoolClient): () => void {
  const ignore = () => undefined;
  client.on("error", ignore);
  return () => client.removeListener("error", ignore);
}

/** Runs one read query, mapping a lost connection to a 503 saying what could not be read. */
export async function readQuery<R extends pg.QueryResultRow>(pool: pg.Pool, what: string, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
  try {
    return await pool.query<R>(text, values);
  } catch (e) {
    throw translateStoreError(e, what, describeDatabase(poolUrl(pool)), "read");
  }
}

function poolUrl(pool: pg.Pool): string {
  return (pool.options as { connectionString?: string }).connectionString ?? "";
}
