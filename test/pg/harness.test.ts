import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "./postgres";

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.destroy());

describe("test PostgreSQL harness", () => {
  it("serves separate databases and keeps committed rows across an immediate (crash-like) stop", async () => {
    const a = await server.createDatabase();
    const b = await server.createDatabase();
    expect(a).not.toBe(b);
    const client = new pg.Client({ connectionString: a });
    await client.connect();
    await client.query("CREATE TABLE t (x int)");
    await client.query("INSERT INTO t VALUES (42)");
    await client.end();
    await server.stop("immediate");
    expect(server.isRunning()).toBe(false);
    await expect(new pg.Client({ connectionString: a, connectionTimeoutMillis: 2000 }).connect()).rejects.toThrow();
    await server.start();
    const again = new pg.Client({ connectionString: a });
    await again.connect();
    expect((await again.query("SELECT x FROM t")).rows).toEqual([{ x: 42 }]);
    await again.end();
    const other = new pg.Client({ connectionString: b });
    await other.connect();
    expect((await other.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 't'")).rows).toEqual([{ n: 0 }]);
    await other.end();
  });
});
