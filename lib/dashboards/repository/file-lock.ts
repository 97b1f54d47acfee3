import "server-only";
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ApiError } from "@/lib/http/errors";

/** A lock older than this is taken to be left by a crashed holder on another host (saves take milliseconds). */
const STALE_MS = 30_000;
const WAIT_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the lock file was left behind: its holder process is gone (same host) or it is older than STALE_MS. */
async function isStale(file: string): Promise<boolean> {
  try {
    const [text, st] = await Promise.all([readFile(file, "utf8"), stat(file)]);
    const [host, pid] = text.split(" ");
    if (host === hostname() && Number(pid) > 0 && !alive(Number(pid))) return true;
    return Date.now() - st.mtimeMs > STALE_MS;
  } catch {
    return false; // gone meanwhile (released): just retry
  }
}

/**
 * Runs `fn` holding an exclusive lock file (created with `link()`, atomic and failing with
 * EEXIST on local file systems and NFS), so saves of one dashboard are serialised across processes sharing
 * the data folder, not only within one (KeyedMutex). Without it, two replicas could both read
 * version n and both write n+1: a lost update instead of a 409. Waits up to 10 s, then 503.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    // The owner line is written to a private file first and hard-linked into place (link fails with
    // EEXIST like O_EXCL), so a lock file is never seen empty, even after a crash mid-acquire.
    const mine = `${file}.${hostname()}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(mine, `${hostname()} ${process.pid} ${new Date().toISOString()}`);
    try {
      await link(mine, file);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    } finally {
      await unlink(mine).catch(() => undefined);
    }
    if (await isStale(file)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new ApiError(503, "store_busy", "another replica has been saving this dashboard for over 10 s; try again");
    await sleep(delay + Math.random() * delay);
  }
  try {
    return await fn();
  } finally {
    await unlink(file).catch(() => undefined);
  }
}
