import "server-only";
import path from "node:path";
import type { z } from "zod";
import { documentStoreFor } from "@/lib/storage";
import type { DocumentStore } from "@/lib/storage/documents";
import { formatZodError } from "@/lib/validation/issues";

/**
 * A small JSON document (token lists, users): parsed with a schema on every read, replaced
 * atomically on write, updates serialised. Stored as `file` by default, or as the row named after
 * the file's stem (`users`, `api-tokens`, ...) in PostgreSQL when a database URL is configured
 * (lib/storage). Missing document = `empty()`.
 */
export class JsonFileStore<T> {
  private readonly documents: DocumentStore;
  private readonly name: string;

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
  ) {
    this.documents = documentStoreFor(path.dirname(file));
    this.name = path.basename(file, ".json");
  }

  async read(): Promise<T> {
    return this.parse(await this.documents.read(this.name));
  }

  /** Reads, applies `change` (which may return a result), writes back unless `change` returned `{ write: false }`. */
  async update<R>(change: (doc: T) => { result: R; write?: boolean }): Promise<R> {
    return this.documents.update(this.name, (raw) => {
      const doc = this.parse(raw);
      const { result, write = true } = change(doc);
      return write ? { result, doc } : { result };
    });
  }

  private parse(raw: unknown): T {
    if (raw === undefined) return this.empty();
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) throw new Error(`${this.documents.describe(this.name)} is invalid: ${formatZodError(parsed.error)}`);
    return parsed.data;
  }
}
