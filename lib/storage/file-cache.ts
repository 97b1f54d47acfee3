import "server-only";
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";

/**
 * Parsed JSON files, served again while a stat shows the same file: one stat instead of read +
 * JSON.parse on hot paths (the local user's role is looked up on every request). Valid while the
 * inode, size, ctime and mtime are those seen when the entry was stored; a writer that replaces the
 * file (temp file + rename) changes the inode, any other writer the ctime. Callers get the shared
 * value: parse it (zod copies), never mutate it.
 */

/**
 * A file is trusted from the cache only once its last change (ctime) is this much older than the stat
 * that saw it: a later write then always gets a newer ctime, even on file systems whose timestamps are
 * coarse (the racy-git rule). A file changed just now is re-read each time until then.
 */
const SETTLED_MS = 2_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  ino: bigint;
  size: bigint;
  ctimeNs: bigint;
  mtimeNs: bigint;
  value: unknown;
}

/** By absolute file path, for the whole process. */
const entries = new Map<string, Entry>();
let reads = 0;

/** How many times this process read a file's bytes through here (not served from the cache): for tests. */
export function jsonFileReads(): number {
  return reads;
}

/** The file's JSON as it is on disk now (no cache); undefined when there is no file. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    reads++;
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

/** The file's JSON (`file` absolute), from the cache when the file is unchanged since it was stored. */
export async function readJsonFileCached(file: string): Promise<unknown> {
  const startedMs = Date.now();
  let st;
  try {
    // Synchronous on purpose: one stat of a small local file costs microseconds, while an async one
    // waits for a libuv pool thread (most of the cost this cache saves, on a busy server).
    st = statSync(file, { bigint: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      entries.delete(file);
      return undefined;
    }
    throw e;
  }
  const hit = entries.get(file);
  if (hit && hit.ino === st.ino && hit.size === st.size && hit.ctimeNs === st.ctimeNs && hit.mtimeNs === st.mtimeNs) return hit.value;
  const value = await readJsonFile(file);
  // Stored only when the stat was taken after the file had settled (it then describes what was read).
  const settled = Number(st.ctimeNs / 1_000_000n) < startedMs - SETTLED_MS;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  if (settled && value !== undefined) entries.set(file, { ino: st.ino, size: st.size, ctimeNs: st.ctimeNs, mtimeNs: st.mtimeNs, value });
  else entries.delete(file);
  return value;
}

/**
 * Drops the file's entry: call after writing it. (The new file's inode or ctime would miss anyway;
 * this keeps a writer's next read from depending on the file system's timestamps.)
 */
export function forgetJsonFile(file: string): void {
  entries.delete(file);
}
