import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { mkdirDurable, sweepTempFiles, writeFileAtomic } from "@/lib/dashboards/repository/atomic";
import { KeyedMutex } from "@/lib/dashboards/repository/mutex";
import { forgetJsonFile, readJsonFile, readJsonFileCached } from "./file-cache";

/** What `update`'s callback returns: `doc` is written when present; `result` is handed back. */
export interface DocumentChange<R> {
  result: R;
  doc?: unknown;
}

/**
 * Small named JSON documents (users, API tokens, embed-token revocations, short links), each read
 * whole and replaced atomically. Implementations: files in one folder (the default) and PostgreSQL
 * (`kv_documents`), so every replica sees the same auth state.
 */
export interface DocumentStore {
  /** Where a document lives, for messages: a file path, or "PostgreSQL host:port/db document <name>". */
  describe(name: string): string;
  /** The document, or undefined when there is none. Throws when a stored file is not JSON. */
  read(name: string): Promise<unknown>;
  /** Reads the document, calls `change` (it may mutate and return it as `doc`), writes, all under one lock. */
  update<R>(name: string, change: (current: unknown) => DocumentChange<R>): Promise<R>;
  /** The names of the stored documents, sorted. */
  names(): Promise<string[]>;
}

/** Document names are file stems: letters, digits and dashes. */
export const DOCUMENT_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function assertDocumentName(name: string): void {
  if (!DOCUMENT_NAME.test(name)) throw new Error(`invalid document name ${JSON.stringify(name)}`);
}

const locks = new KeyedMutex();

/** Temp files younger than this are another process's write in flight (replicas on one folder), not a crash's. */
export const DOCUMENT_TEMP_MIN_AGE_MS = 60_000;
/** Folders swept in this process: the first write to a folder removes the temp files a crash left there. */
const swept = new Map<string, Promise<unknown>>();

function sweepOnce(dir: string): Promise<unknown> {
  let done = swept.get(dir);
  if (!done) {
    // A failed sweep is not fatal (the leftovers are never read) and is retried at the next write.
    done = sweepTempFiles([dir], DOCUMENT_TEMP_MIN_AGE_MS).catch(() => swept.delete(dir));
    swept.set(dir, done);
  }
  return done;
}

/**
 * `<dir>/<name>.json`, written with temp file + fsync + rename; updates serialised per file in this
 * process. A crash between the temp file and the rename leaves the temp file; the first write to the
 * folder in a process sweeps those older than a minute (the dashboard store's start-up sweep also
 * covers `<data>/.auth`). Reads go through the process's stat-validated JSON cache (./file-cache).
 */
export class FileDocumentStore implements DocumentStore {
  constructor(readonly dir: string) {}

  describe(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }

  /** The document; callers get the cached value shared by the process: parse it, never mutate it. */
  async read(name: string): Promise<unknown> {
    assertDocumentName(name);
    return readJsonFileCached(path.resolve(this.describe(name)));
  }

  async update<R>(name: string, change: (current: unknown) => DocumentChange<R>): Promise<R> {
    assertDocumentName(name);
    const file = path.resolve(this.describe(name));
    await sweepOnce(this.dir);
    return locks.run(file, async () => {
      // Under the lock, from disk: `change` may mutate what it gets, which must never be a cached value.
      const { result, doc } = change(await readJsonFile(file));
      if (doc !== undefined) {
        try {
          await mkdirDurable(this.dir);
          await writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
        } finally {
          forgetJsonFile(file);
        }
      }
      return result;
    });
  }

  async names(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    return entries
      .filter((n) => n.endsWith(".json"))
      .map((n) => n.slice(0, -".json".length))
      .filter((n) => DOCUMENT_NAME.test(n))
      .sort();
  }
}
