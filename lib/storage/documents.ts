import "server-only";
import { statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { mkdirDurable, sweepTempFiles, writeFileAtomic } from "@/lib/dashboards/repository/atomic";
import { KeyedMutex } from "@/lib/dashboards/repository/mutex";

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

/**
 * A document file is trusted from the cache only once its last change (ctime) is this much older than
 * the stat that saw it: a later write then always gets a newer ctime, even on file systems whose
 * timestamps are coarse (the racy-git rule). A file changed just now is re-read each time until then.
 */
const SETTLED_MS = 2_000;

/** The parsed JSON of a file, with the stat it was read at (inode, size, change and modify times). */
interface CachedDocument {
  ino: bigint;
  size: bigint;
  ctimeNs: bigint;
  mtimeNs: bigint;
  value: unknown;
}

/** By absolute file path: shared by every FileDocumentStore of this process (they are made per call). */
const cache = new Map<string, CachedDocument>();
const MAX_CACHED = 1_000;
let fileReads = 0;

/** How many times this process read a document file's bytes (not served from the cache): for tests. */
export function documentFileReads(): number {
  return fileReads;
}

/** Temp files younger than this are another process's write in flight (replicas on one folder), not a crash's. */
export const DOCUMENT_TEMP_MIN_AGE_MS = 60_000;
/** Folders swept in this process: the first use of a folder removes the temp files a crash left there. */
const swept = new Map<string, Promise<unknown>>();

/**
 * `<dir>/<name>.json`, written with temp file + fsync + rename; updates serialised per file in this
 * process. A crash between the temp file and the rename leaves the temp file; the first use of the
 * folder in a process sweeps those older than a minute (the dashboard store's start-up sweep also
 * covers `<data>/.auth`).
 */
export class FileDocumentStore implements DocumentStore {
  constructor(readonly dir: string) {}

  private sweep(): Promise<unknown> {
    let done = swept.get(this.dir);
    if (!done) {
      // A failed sweep is not fatal (the leftovers are never read) and is retried at the next use.
      done = sweepTempFiles([this.dir], DOCUMENT_TEMP_MIN_AGE_MS).catch(() => swept.delete(this.dir));
      swept.set(this.dir, done);
    }
    return done;
  }

  describe(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }

  /**
   * The document. The parsed JSON is kept per file and served again while a stat shows the same
   * inode, size, ctime and mtime (one stat instead of read + JSON.parse on the auth hot path: the
   * local user's role is looked up on every request). Our own writes drop the entry; any other
   * writer changes the inode (rename) or ctime. Callers get the shared value: parse it (zod copies),
   * never mutate it.
   */
  async read(name: string): Promise<unknown> {
    assertDocumentName(name);
    const file = path.resolve(this.describe(name));
    const startedMs = Date.now();
    let st;
    try {
      // Synchronous on purpose: one stat of a small local file costs microseconds, while an async
      // one waits for a libuv pool thread (most of the cost this cache saves, on a busy server).
      st = statSync(file, { bigint: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") {
        cache.delete(file);
        return undefined;
      }
      throw e;
    }
    const hit = cache.get(file);
    if (hit && hit.ino === st.ino && hit.size === st.size && hit.ctimeNs === st.ctimeNs && hit.mtimeNs === st.mtimeNs) return hit.value;
    const value = await this.readFresh(name);
    // Cached only when the stat was taken after the file had settled, and describes what was read.
    const settled = Number(st.ctimeNs / 1_000_000n) < startedMs - SETTLED_MS;
    if (cache.size >= MAX_CACHED) cache.clear();
    if (settled && value !== undefined) cache.set(file, { ino: st.ino, size: st.size, ctimeNs: st.ctimeNs, mtimeNs: st.mtimeNs, value });
    else cache.delete(file);
    return value;
  }

  /** The file's document as it is on disk now (no cache). */
  private async readFresh(name: string): Promise<unknown> {
    const file = this.describe(name);
    let text: string;
    try {
      fileReads++;
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new Error(`${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
  }

  async update<R>(name: string, change: (current: unknown) => DocumentChange<R>): Promise<R> {
    assertDocumentName(name);
    const file = this.describe(name);
    await this.sweep();
    return locks.run(file, async () => {
      // Under the lock, from disk: `change` may mutate what it gets, which must never be a cached value.
      const { result, doc } = change(await this.readFresh(name));
      if (doc !== undefined) {
        cache.delete(path.resolve(file));
        try {
          await mkdirDurable(this.dir);
          await writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
        } finally {
          cache.delete(path.resolve(file));
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
