import "server-only";
import { readdir, rm } from "node:fs/promises";
import { versionOfFile, type DashboardPaths } from "./paths";
import { readRecord } from "./records";
import type { VersionSummary } from "./types";

/**
 * The versions the history shows while `current` is the current version: the last `keep` of them.
 * Files outside this range are either pruned-to-be or the orphan of a save that crashed before
 * current.json moved on; neither is ever shown.
 */
export function isKept(version: number, current: number, keep: number): boolean {
  return version <= current && version > current - keep;
}

/** Version numbers that have a file in versions/, ascending; a missing folder has none. */
export async function versionFiles(versionsDir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(versionsDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return names.map(versionOfFile).filter((n): n is number => n !== null).sort((a, b) => a - b);
}

/** Deletes the version files outside the kept range (older than the last `keep`, or orphans past `current`). */
export async function pruneVersions(paths: DashboardPaths, current: number, keep: number): Promise<void> {
  for (const n of await versionFiles(paths.versionsDir)) {
    if (!isKept(n, current, keep)) await rm(paths.version(n), { force: true });
  }
}

/** The kept versions' meta, newest first; files pruned while this runs are skipped. */
export async function readHistory(paths: DashboardPaths, uid: string, current: number, keep: number): Promise<VersionSummary[]> {
  const out: VersionSummary[] = [];
  for (const n of (await versionFiles(paths.versionsDir)).reverse()) {
    if (!isKept(n, current, keep)) continue;
    const record = await readRecord(paths.version(n), uid);
    if (!record) continue;
    const { version, updatedAt, updatedBy, message } = record.meta;
    out.push({ version, updatedAt, updatedBy, message });
  }
  return out;
}
