import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

// `.<target>.<random>.tmp`: a leading dot and a suffix no stored file has, so a sweep can't mistake one.
const TEMP_FILE = /^\..+\.[0-9a-f]{16}\.tmp$/;

/** Whether `name` is one of writeFileAtomic's temp files. */
export function isTempFile(name: string): boolean {
  return TEMP_FILE.test(name);
}

/** fsyncs a directory so entries created, renamed or removed in it survive a power loss (Linux; a no-op where refused). */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } catch (e) {
    // Windows cannot fsync a directory handle; its rename is durable on its own terms.
    if ((e as NodeJS.ErrnoException).code !== "EPERM" && (e as NodeJS.ErrnoException).code !== "EISDIR") throw e;
  } finally {
    await fh.close();
  }
}

/**
 * Replaces `file` with `data` so that a reader or a crash sees the old content or the new, never
 * a mix: write a temp file in the same directory, fsync it, rename it over the target, fsync the
 * directory. A crash may leave the temp file behind; sweepTempFiles removes it.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(8).toString("hex")}.tmp`);
  const fh = await open(tmp, "wx", 0o644);
  try {
    await fh.writeFile(data, "utf8");
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(dir);
}

/** Creates `dir` (and its parents) and fsyncs each parent that gained an entry, so the new folders are durable. */
export async function mkdirDurable(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    await fsyncDir(path.dirname(d));
    if (d === path.resolve(first) || path.dirname(d) === d) break;
  }
}

/** Removes leftover temp files from `dirs` (missing folders are skipped); returns how many. */
export async function sweepTempFiles(dirs: readonly string[], minAgeMs = 0): Promise<number> {
  const cutoff = Date.now() - minAgeMs;
  let removed = 0;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") continue;
      throw e;
    }
    for (const name of names.filter(isTempFile)) {
      const file = path.join(dir, name);
      if (minAgeMs > 0) {
        // Younger than minAgeMs: possibly another process's write in flight (replicas on one folder).
        const mtime = await stat(file).then((st) => st.mtimeMs, () => null);
        if (mtime === null || mtime > cutoff) continue;
      }
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
