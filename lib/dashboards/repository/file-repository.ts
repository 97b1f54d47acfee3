import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { access, constants, readdir, rename } from "node:fs/promises";

import { uidSchema, type Dashboard } from "../schema";
import { fsyncDir, mkdirDurable, sweepTempFiles, writeFileAtomic } from "./atomic";
import type { RepositoryConfig } from "./config";
import * as errors from "./errors";
import { isKept, pruneVersions, readHistory } from "./history";
import { withFileLock } from "./file-lock";
import { KeyedMutex } from "./mutex";
import { assertUid, dashboardPaths, resolveInside, TRASH_DIR, type DashboardPaths } from "./paths";
import { loadProvisioned } from "./provisioned";
import { readRecord, serializeRecord, toStored, type RawRecord } from "./records";
import { brokenSummary, filterSummaries, provisionedSummary, summaryOf } from "./summaries";
import type * as T from "./types";

// Shared by every instance, so two repositories on one folder in one process still take turns.
const locks = new KeyedMutex();

const exists = (file: string) => access(file).then(() => true, () => false);

/**
 * Dashboards as JSON files: `<data>/<uid>/current.json` is the truth, `<data>/<uid>/versions/<n>.json`
 * the history. Saves of one uid are serialised in-process; one server process per data folder.
 */
/** The auth stores' folder inside the data folder (lib/auth/settings.ts authDataDir). */
const AUTH_DIR = ".auth";

/** Temp files younger than this are left alone by the start-up sweep (another process may be writing them). */
export const TEMP_SWEEP_MIN_AGE_MS = 60_000;

export class FileDashboardRepository implements T.DashboardRepository {
  readonly kind = "file" as const;
  private ready: Promise<void> | undefined;

  constructor(private readonly config: RepositoryConfig) {}

  /** Readiness: the data folder exists (created on first use) and is writable. */
  async ping(): Promise<T.StoreHealth> {
    const started = performance.now();
    try {
      await this.init();
      await access(this.config.dataDir, constants.R_OK | constants.W_OK);
      return { store: "file", ok: true, latencyMs: performance.now() - started };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { store: "file", ok: false, latencyMs: performance.now() - started, error: `data folder ${code ?? (e as Error).message}` };
    }
  }

  async list(filter?: T.ListFilter): Promise<T.DashboardSummary[]> {
    await this.init();
    const provisioned = await loadProvisioned(this.config.provisionedDir);
    const rows = [...provisioned.values()].map(provisionedSummary);
    for (const uid of await this.storedUids()) {
      if (provisioned.has(uid)) continue; // the provisioned copy shadows a stored one with its uid
      const row = await this.storedSummary(uid);
      if (row) rows.push(row);
    }
    return filterSummaries(rows, filter);
  }

  async get(uid: string): Promise<T.StoredDashboard> {
    assertUid(uid);
    const provisioned = await this.provisioned(uid);
    if (provisioned) return provisioned;
    return toStored(await this.current(this.paths(uid)));
  }

  async create(dashboard: Dashboard, options: T.SaveOptions): Promise<T.StoredDashboard> {
    const { uid } = dashboard;
    assertUid(uid);
    await this.init();
    return this.lock(uid, async () => {
      const paths = this.paths(uid);
      if (await this.isProvisioned(uid)) throw errors.alreadyExists(uid, true);
      if (await exists(paths.current)) throw errors.alreadyExists(uid, false);
      await mkdirDurable(paths.versionsDir).catch((e: unknown) => {
        throw errors.storageWriteError(uid, e);
      });
      const now = new Date().toISOString();
      return this.commit(paths, { uid, version: 1, createdAt: now, updatedAt: now, updatedBy: options.user, message: options.message ?? "" }, dashboard);
    });
  }

  async update(uid: string, dashboard: Dashboard, expectedVersion: number, options: T.SaveOptions): Promise<T.StoredDashboard> {
    assertUid(uid);
    if (dashboard.uid !== uid) throw errors.uidMismatch(uid, dashboard.uid);
    await this.init();
    return this.lock(uid, async () => {
      if (await this.isProvisioned(uid)) throw errors.provisionedReadOnly(uid, "saved over");
      const paths = this.paths(uid);
      const { meta } = await this.current(paths);
      if (meta.version !== expectedVersion) throw errors.staleVersionError(meta, expectedVersion);
      return this.commit(paths, this.nextMeta(meta, options), dashboard);
    });
  }

  async delete(uid: string): Promise<void> {
    assertUid(uid);
    await this.init();
    await this.lock(uid, async () => {
      if (await this.isProvisioned(uid)) throw errors.provisionedReadOnly(uid, "deleted");
      const paths = this.paths(uid);
      if (!(await exists(paths.current))) throw errors.dashboardNotFound(uid);
      // One rename moves the whole history aside: atomic, and recoverable by hand from .trash.
      const trash = resolveInside(this.config.dataDir, TRASH_DIR);
      await mkdirDurable(trash);
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      await rename(paths.dir, resolveInside(trash, `${uid}.${stamp}.${randomBytes(4).toString("hex")}`));
      await fsyncDir(this.config.dataDir);
      await fsyncDir(trash);
    });
  }

  async listVersions(uid: string): Promise<T.VersionSummary[]> {
    assertUid(uid);
    const provisioned = await this.provisioned(uid);
    if (provisioned) {
      const { version, updatedAt, updatedBy, message } = provisioned.meta;
      return [{ version, updatedAt, updatedBy, message }];
    }
    const paths = this.paths(uid);
    const { meta } = await this.current(paths);
    return readHistory(paths, uid, meta.version, this.config.versionsToKeep);
  }

  async getVersion(uid: string, version: number): Promise<T.StoredDashboard> {
    assertUid(uid);
    const provisioned = await this.provisioned(uid);
    if (provisioned && version === 1) return provisioned;
    if (provisioned) throw errors.versionNotFound(uid, version, 1);
    return toStored(await this.version(this.paths(uid), version));
  }

  async restore(uid: string, version: number, options: T.SaveOptions & { fromVersion?: number }): Promise<T.StoredDashboard> {
    assertUid(uid);
    await this.init();
    return this.lock(uid, async () => {
      if (await this.isProvisioned(uid)) throw errors.provisionedReadOnly(uid, "restored");
      const paths = this.paths(uid);
      const { meta } = await this.current(paths);
      if (options.fromVersion !== undefined && options.fromVersion !== meta.version) throw errors.staleVersionError(meta, options.fromVersion);
      const { dashboard } = toStored(await this.version(paths, version));
      return this.commit(paths, this.nextMeta(meta, { ...options, message: options.message ?? `restored version ${version}` }), dashboard);
    });
  }

  /**
   * Writes version n, then moves current.json to it, then prunes. current.json is the truth: a
   * crash before its rename leaves an orphan versions/<n>.json that is never shown and is
   * overwritten by the next save of n; a crash before the prune leaves extra old files.
   */
  private async commit(paths: DashboardPaths, meta: T.VersionMeta, dashboard: Dashboard): Promise<T.StoredDashboard> {
    const text = serializeRecord(meta, dashboard);
    try {
      await writeFileAtomic(paths.version(meta.version), text);
      await writeFileAtomic(paths.current, text);
    } catch (e) {
      throw errors.storageWriteError(meta.uid, e);
    }
    // The save is committed; a failed prune only leaves extra files, removed by the next save.
    await pruneVersions(paths, meta.version, this.config.versionsToKeep).catch((e) => console.error(`[dashboards] pruning ${meta.uid}:`, e));
    return { dashboard, meta: { ...meta, provisioned: false } };
  }

  private nextMeta(previous: T.VersionMeta, options: T.SaveOptions): T.VersionMeta {
    const { uid, createdAt, version } = previous;
    // Keys in versionMetaSchema's order, as reads return them: a save's answer and its file match a later GET byte for byte.
    return { uid, version: version + 1, createdAt, updatedAt: new Date().toISOString(), updatedBy: options.user, message: options.message ?? "" };
  }

  private async current(paths: DashboardPaths): Promise<RawRecord> {
    await this.init();
    const record = await readRecord(paths.current, paths.uid);
    if (!record) throw errors.dashboardNotFound(paths.uid);
    return record;
  }

  private async version(paths: DashboardPaths, version: number): Promise<RawRecord> {
    const { meta } = await this.current(paths);
    const keep = this.config.versionsToKeep;
    const record = isKept(version, meta.version, keep) ? await readRecord(paths.version(version), paths.uid) : null;
    if (!record) throw errors.versionNotFound(paths.uid, version, keep);
    return record;
  }

  private async provisioned(uid: string): Promise<T.StoredDashboard | undefined> {
    const entry = (await loadProvisioned(this.config.provisionedDir)).get(uid);
    if (entry && !entry.stored) throw new errors.InvalidStoredDashboardError(uid, entry.issues ?? []);
    return entry?.stored;
  }

  // Writes check this, not provisioned(): a provisioned file that fails to parse still owns its uid.
  private async isProvisioned(uid: string): Promise<boolean> {
    return (await loadProvisioned(this.config.provisionedDir)).has(uid);
  }

  private async storedSummary(uid: string): Promise<T.DashboardSummary | null> {
    let raw: RawRecord | null = null;
    try {
      raw = await readRecord(this.paths(uid).current, uid);
      return raw && summaryOf(toStored(raw));
    } catch (e) {
      return brokenSummary(uid, e, { version: raw?.meta.version ?? 0, updatedAt: raw?.meta.updatedAt ?? "", provisioned: false });
    }
  }

  private async storedUids(): Promise<string[]> {
    const entries = await readdir(this.config.dataDir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && uidSchema.safeParse(e.name).success).map((e) => e.name);
  }

  private paths(uid: string): DashboardPaths {
    return dashboardPaths(this.config.dataDir, uid);
  }

  private lock<R>(uid: string, fn: () => Promise<R>): Promise<R> {
    // In-process queue first, then the lock file shared with other processes on the same data folder.
    return locks.run(`${this.config.dataDir}\0${uid}`, () => withFileLock(path.join(this.config.dataDir, ".locks", `${uid}.lock`), fn));
  }

  /** First use: create the data folder and sweep the temp files a crash left behind. */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      await mkdirDurable(this.config.dataDir);
      const uids = await this.storedUids();
      // Only temp files older than a minute: a younger one may be another process's save in flight on a
      // shared folder (its rename would fail with ENOENT); a crash's leftovers go at a later start.
      // `.auth` too: the auth stores (lib/storage/documents.ts) write there with the same atomic write,
      // during saves (an API token's lastUsedAt), so a kill can leave their temp files as well.
      const dirs = [...uids.flatMap((uid) => [this.paths(uid).dir, this.paths(uid).versionsDir]), path.join(this.config.dataDir, AUTH_DIR)];
      await sweepTempFiles(dirs, TEMP_SWEEP_MIN_AGE_MS);
    })().catch((e: unknown) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }
}
