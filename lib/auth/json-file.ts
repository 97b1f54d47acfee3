import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { mkdirDurable, writeFileAtomic } from "@/lib/dashboards/repository/atomic";
import { KeyedMutex } from "@/lib/dashboards/repository/mutex";
import { formatZodError } from "@/lib/validation/issues";

const locks = new KeyedMutex();

/**
 * A small JSON document on disk (token lists, users): parsed with a schema on every read, replaced
 * atomically on write, updates serialised per file within the process. Missing file = `empty()`.
 */
export class JsonFileStore<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
  ) {}

  async read(): Promise<T> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return this.empty();
      throw e;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new Error(`${this.file} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) throw new Error(`${this.file} is invalid: ${formatZodError(parsed.error)}`);
    return parsed.data;
  }

  /** Reads, applies `change` (which may return a result), writes back unless `change` returned `{ write: false }`. */
  async update<R>(change: (doc: T) => { result: R; write?: boolean }): Promise<R> {
    return locks.run(this.file, async () => {
      const doc = await this.read();
      const { result, write = true } = change(doc);
      if (write) {
        await mkdirDurable(path.dirname(this.file));
        await writeFileAtomic(this.file, `${JSON.stringify(doc, null, 2)}\n`);
      }
      return result;
    });
  }
}
