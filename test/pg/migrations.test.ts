import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseDashboard } from "@/lib/dashboards/parse";
import { PostgresDashboardRepository } from "@/lib/dashboards/repository/postgres/pg-repository";
import { PostgresDocumentStore } from "@/lib/storage/postgres/documents";
import { MIGRATIONS, migrate, type Migration } from "@/lib/storage/postgres/migrations";
import { closePools, getPool } from "@/lib/storage/postgres/pool";
import { dashboardDoc, stopTestPostgres, testPostgres } from "../dashboards/helpers";

afterAll(stopTestPostgres);
afterEach(closePools);

const tables = async (url: string) =>
  (await getPool(url).query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t);

// Two "replicas": separate pools (separate connections) on one database.
const replicaUrls = (url: string) => [`${url}?application_name=replica-a`, `${url}?application_name=replica-b`];

describe("PostgreSQL migrations", () => {
  it("apply once under the advisory lock when several replicas start together, and are idempotent", async () => {
    const url = await (await testPostgres()).createDatabase();
    const urls = [...replicaUrls(url), `${url}?application_name=replica-c`];
    const results = await Promise.all(urls.map((u) => migrate(getPool(u))));
    // Exactly one replica applied each step; the others found it done.
    expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(results.every((r) => r.version === MIGRATIONS.at(-1)!.version)).toBe(true);
    expect(await tables(url)).toEqual(["dashboard_trash", "dashboard_versions", "dashboards", "kv_documents", "schema_migrations"]);
    expect(await migrate(getPool(url))).toEqual({ applied: [], version: MIGRATIONS.at(-1)!.version });
    const rows = (await getPool(url).query("SELECT version, name FROM schema_migrations ORDER BY version")).rows;
    expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it("roll a failing step back whole and record nothing for it; the next start retries it", async () => {
    const url = await (await testPostgres()).createDatabase();
    const broken: Migration = { version: 99, name: "broken", sql: "CREATE TABLE half_done (x int); SELECT * FROM no_such_table" };
    await expect(migrate(getPool(url), [...MIGRATIONS, broken])).rejects.toThrow(/migration 99 \(broken\) failed: relation "no_such_table" does not exist/);
    expect(await tables(url)).not.toContain("half_done");
    expect((await getPool(url).query("SELECT max(version) AS v FROM schema_migrations")).rows[0].v).toBe(MIGRATIONS.at(-1)!.version);
    const fixed: Migration = { ...broken, sql: "CREATE TABLE half_done (x int)" };
    expect((await migrate(getPool(url), [...MIGRATIONS, fixed])).applied).toEqual([99]);
  });

  it("answer 503 naming the database when it cannot be reached", async () => {
    const server = await testPostgres();
    const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${server.port + 100}/nothing`, connectionTimeoutMillis: 2000 });
    await expect(migrate(pool)).rejects.toMatchObject({ status: 503, code: "store_unavailable", message: expect.stringContaining(`PostgreSQL 127.0.0.1:${server.port + 100}/nothing`) });
    await pool.end();
  });
});

describe("two replicas on one database", () => {
  it("give one success and one 409 to concurrent saves of the same version", async () => {
    const url = await (await testPostgres()).createDatabase();
    const [a, b] = replicaUrls(url).map((u) => new PostgresDashboardRepository(getPool(u), { provisionedDir: "/nonexistent", versionsToKeep: 50 }));
    const dash = (title: string) => {
      const r = parseDashboard(dashboardDoc("shared", { title }));
      if (!r.ok) throw new Error("invalid");
      return r.dashboard;
    };
    await a!.create(dash("v1"), { user: "ann" });
    expect((await b!.get("shared")).dashboard.title).toBe("v1");
    for (let round = 1; round <= 5; round++) {
      const outcomes = await Promise.allSettled([a!.update("shared", dash(`A${round}`), round, { user: "ann" }), b!.update("shared", dash(`B${round}`), round, { user: "bob" })]);
      const ok = outcomes.filter((o) => o.status === "fulfilled");
      const refused = outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason);
      expect(ok).toHaveLength(1);
      expect(refused).toMatchObject([{ status: 409, code: "conflict" }]);
      // The save that won is what the other replica reads at once.
      const winner = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<PostgresDashboardRepository["update"]>>>).value;
      expect((await a!.get("shared")).dashboard.title).toBe(winner.dashboard.title);
      expect((await b!.get("shared")).meta).toMatchObject({ version: round + 1, updatedBy: winner.meta.updatedBy });
    }
    expect((await a!.listVersions("shared")).map((v) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it("never lose an update of an auth document (SELECT ... FOR UPDATE)", async () => {
    const url = await (await testPostgres()).createDatabase();
    const [a, b] = replicaUrls(url).map((u) => new PostgresDocumentStore(getPool(u)));
    const add = (store: PostgresDocumentStore, item: string) =>
      store.update("counter", (doc) => {
        const current = (doc as { items: string[] } | undefined) ?? { items: [] };
        current.items.push(item);
        return { result: current.items.length, doc: current };
      });
    await Promise.all(Array.from({ length: 20 }, (_, i) => add(i % 2 ? a! : b!, `item-${i}`)));
    const doc = (await a!.read("counter")) as { items: string[] };
    expect(doc.items).toHaveLength(20);
    expect(new Set(doc.items).size).toBe(20);
    expect(await b!.names()).toEqual(["counter"]);
    expect(await a!.read("absent")).toBeUndefined();
  });
});
