import "server-only";
import { isDeepStrictEqual } from "node:util";
import { access, readdir } from "node:fs/promises";
import path from "node:path";
import { FileDocumentStore } from "@/lib/storage/documents";
import { parseDashboard } from "../../parse";
import { uidSchema } from "../../schema";
import { mkdirDurable, writeFileAtomic } from "../atomic";
import { versionFiles } from "../history";
import { dashboardPaths } from "../paths";
import { readRecord, type RawRecord } from "../records";
import type { DashboardArchive, RecordSet, WriteOutcome } from "./types";

/**
 * The dashboard document in the key order the file store writes (the schema's), when that changes
 * nothing but the order: jsonb keeps keys sorted, and files should come back byte for byte. A
 * document that does not parse, or that parsing would change, is written as it is.
 */
export function canonicalDoc(doc: unknown): unknown {
  const parsed = parseDashboard(doc);
  return parsed.ok && isDeepStrictEqual(parsed.dashboard, doc) ? parsed.dashboard : doc;
}

/** The file text of a record, exactly as FileDashboardRepository writes it. */
export function recordText(record: RawRecord): string {
  return `${JSON.stringify({ meta: record.meta, dashboard: canonicalDoc(record.doc) }, null, 2)}\n`;
}

export const sameRecord = (a: RawRecord, b: RawRecord) => isDeepStrictEqual(a.meta, b.meta) && isDeepStrictEqual(a.doc, b.doc);

const exists = (file: string) => access(file).then(() => true, () => false);

/** A file store's data folder (`<dir>/<uid>/current.json`, `versions/<n>.json`, `.auth/*.json`). Stop the app writing it first. */
export class FileArchive implements DashboardArchive {
  readonly label: string;
  readonly documents: FileDocumentStore;

  constructor(private readonly dir: string) {
    this.label = `file:${dir}`;
    this.documents = new FileDocumentStore(path.join(dir, ".auth"));
  }

  async uids(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const uids = entries.filter((e) => e.isDirectory() && uidSchema.safeParse(e.name).success).map((e) => e.name);
    const withCurrent = await Promise.all(uids.map(async (uid) => ((await exists(dashboardPaths(this.dir, uid).current)) ? uid : null)));
    return withCurrent.filter((u): u is string => u !== null).sort();
  }

  async read(uid: string): Promise<RecordSet | undefined> {
    const paths = dashboardPaths(this.dir, uid);
    const current = await readRecord(paths.current, uid);
    if (!current) return undefined;
    const versions: RawRecord[] = [];
    // Files past the current version are orphans of a save that never completed: not moved.
    for (const n of await versionFiles(paths.versionsDir)) {
      if (n > current.meta.version) continue;
      const record = await readRecord(paths.version(n), uid);
      if (record) versions.push(record);
    }
    return { current, versions };
  }

  async write(uid: string, set: RecordSet): Promise<WriteOutcome> {
    const paths = dashboardPaths(this.dir, uid);
    const existing = await readRecord(paths.current, uid);
    if (existing && !sameRecord(existing, set.current)) return { dashboard: "conflict", versionsAdded: 0, targetVersion: existing.meta.version };
    await mkdirDurable(paths.versionsDir);
    const have = new Set(await versionFiles(paths.versionsDir));
    let versionsAdded = 0;
    for (const record of set.versions) {
      if (have.has(record.meta.version)) continue;
      await writeFileAtomic(paths.version(record.meta.version), recordText(record));
      versionsAdded++;
    }
    // current.json last: until it exists the folder is not a dashboard (as after a crash during create).
    if (!existing) await writeFileAtomic(paths.current, recordText(set.current));
    return { dashboard: existing ? "unchanged" : "new", versionsAdded };
  }

  async close(): Promise<void> {}
}
