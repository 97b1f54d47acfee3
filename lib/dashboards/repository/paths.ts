import path from "node:path";
import { assertUid } from "./uid";

export { assertUid } from "./uid";

/** The store's own names inside the data directory; never valid uids (they start with "."). */
export const TRASH_DIR = ".trash";

/**
 * Joins `parts` under `root` and refuses any result outside it. The uid alphabet already forbids
 * separators and dots; this is the second, independent check (Grafana CVE-2021-43798).
 */
export function resolveInside(root: string, ...parts: string[]): string {
  const resolved = path.resolve(root, ...parts);
  const rel = path.relative(root, resolved);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new Error(`refusing path ${JSON.stringify(parts.join("/"))}: outside ${root}`);
  }
  return resolved;
}

export interface DashboardPaths {
  uid: string;
  dir: string;
  current: string;
  versionsDir: string;
  version(n: number): string;
}

/** Where a dashboard's files live: `<data>/<uid>/current.json` and `<data>/<uid>/versions/<n>.json`. */
export function dashboardPaths(dataDir: string, uid: string): DashboardPaths {
  assertUid(uid);
  const dir = resolveInside(dataDir, uid);
  const versionsDir = resolveInside(dir, "versions");
  return {
    uid,
    dir,
    current: resolveInside(dir, "current.json"),
    versionsDir,
    version: (n) => {
      if (!Number.isSafeInteger(n) || n < 1) throw new Error(`invalid version number ${n}`);
      return resolveInside(versionsDir, `${n}.json`);
    },
  };
}

/** The version number of a `versions/<n>.json` file name, or null for anything else. */
export function versionOfFile(name: string): number | null {
  const m = /^([1-9][0-9]{0,14})\.json$/.exec(name);
  return m ? Number(m[1]) : null;
}
