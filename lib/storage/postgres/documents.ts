import "server-only";
import type pg from "pg";
import { describeDatabase } from "@/lib/storage/config";
import { assertDocumentName, type DocumentChange, type DocumentStore } from "@/lib/storage/documents";
import { ensureMigrated } from "./migrations";
import { inTransaction, readQuery } from "./pool";

/**
 * Documents as rows of `kv_documents(name, doc jsonb, updated_at)`. An update locks its row with
 * SELECT ... FOR UPDATE inside a transaction (inserting an empty placeholder row first, so even the
 * first write of a name is serialised), so replicas never lose each other's changes.
 */
export class PostgresDocumentStore implements DocumentStore {
  constructor(private readonly pool: pg.Pool) {}

  describe(name: string): string {
    return `PostgreSQL ${describeDatabase(this.url())} document ${name}`;
  }

  async read(name: string): Promise<unknown> {
    assertDocumentName(name);
    await ensureMigrated(this.pool);
    const { rows } = await readQuery<{ doc: unknown }>(this.pool, `read the ${name} document`, "SELECT doc FROM kv_documents WHERE name = $1 AND doc <> 'null'::jsonb", [name]);
    return rows[0]?.doc;
  }

  async update<R>(name: string, change: (current: unknown) => DocumentChange<R>): Promise<R> {
    assertDocumentName(name);
    await ensureMigrated(this.pool);
    return inTransaction(this.pool, `save the ${name} document`, async (client) => {
      // A JSON null placeholder stands for "no document yet"; read() treats it as absent.
      await client.query("INSERT INTO kv_documents (name, doc) VALUES ($1, 'null'::jsonb) ON CONFLICT (name) DO NOTHING", [name]);
      const { rows } = await client.query<{ doc: unknown }>("SELECT doc FROM kv_documents WHERE name = $1 FOR UPDATE", [name]);
      const current = rows[0]?.doc ?? undefined;
      const { result, doc } = change(current === null ? undefined : current);
      if (doc !== undefined) await client.query("UPDATE kv_documents SET doc = $2, updated_at = now() WHERE name = $1", [name, JSON.stringify(doc)]);
      return result;
    });
  }

  async names(): Promise<string[]> {
    await ensureMigrated(this.pool);
    const { rows } = await readQuery<{ name: string }>(this.pool, "list the auth documents", "SELECT name FROM kv_documents WHERE doc <> 'null'::jsonb ORDER BY name");
    return rows.map((r) => r.name);
  }

  private url(): string {
    return (this.pool.options as { connectionString?: string }).connectionString ?? "";
  }
}
