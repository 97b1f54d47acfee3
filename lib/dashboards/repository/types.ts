import { z } from "zod";
import type { Dashboard } from "../schema";
import { uidSchema } from "../schema";

/** Who saved a version, when and why; stored beside the dashboard in every version. */
export const versionMetaSchema = z.strictObject({
  uid: uidSchema,
  version: z.number().int().min(1),
  /** When version 1 was saved. */
  createdAt: z.iso.datetime(),
  /** When this version was saved. */
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().min(1).max(200),
  message: z.string().max(500),
});
export type VersionMeta = z.infer<typeof versionMetaSchema>;

/** The meta the API returns: read-only provisioned dashboards are marked. */
export type DashboardMeta = VersionMeta & { provisioned: boolean };

export interface StoredDashboard {
  dashboard: Dashboard;
  meta: DashboardMeta;
}

/** One row of the dashboard list; `error` names the problem of a stored dashboard that no longer parses. */
export interface DashboardSummary {
  uid: string;
  title: string;
  tags: string[];
  version: number;
  updatedAt: string;
  provisioned: boolean;
  error?: string;
}

export type VersionSummary = Pick<VersionMeta, "version" | "updatedAt" | "updatedBy" | "message">;

export interface ListFilter {
  /** Case-insensitive substring of the title. */
  query?: string;
  /** Every one of these tags must be on the dashboard. */
  tags?: string[];
}

export interface SaveOptions {
  /** Recorded as `updatedBy`; the session user once sign-in exists. */
  user: string;
  message?: string;
}

/** What readiness checks and `/api/health` report about the store; ping() never throws. */
export interface StoreHealth {
  store: "file" | "postgres";
  ok: boolean;
  /** How long the check took (informational). */
  latencyMs: number;
  /** Why not ok: a short reason without credentials. */
  error?: string;
}

/**
 * Dashboard storage. Writes refuse stale versions (409), provisioned dashboards are read-only (403),
 * and every save adds a version to a bounded history. Implementations: files (file-repository.ts)
 * and PostgreSQL (postgres/pg-repository.ts, the version check is `UPDATE ... WHERE version = $n`);
 * both give the same responses. A PostgreSQL store that cannot be reached throws
 * StoreUnavailableError (503) from every method but ping().
 */
export interface DashboardRepository {
  readonly kind: "file" | "postgres";
  /** Whether the store can be read and written now (readiness). */
  ping(): Promise<StoreHealth>;
  list(filter?: ListFilter): Promise<DashboardSummary[]>;
  /** 404 when absent; 500 naming the failing fields when the stored document no longer parses. */
  get(uid: string): Promise<StoredDashboard>;
  /** Saves version 1; 409 when the uid is taken (provisioned ones included). */
  create(dashboard: Dashboard, options: SaveOptions): Promise<StoredDashboard>;
  /** Saves `expectedVersion + 1`; 409 with the newer version's meta when `expectedVersion` is stale. */
  update(uid: string, dashboard: Dashboard, expectedVersion: number, options: SaveOptions): Promise<StoredDashboard>;
  delete(uid: string): Promise<void>;
  /** Newest first. */
  listVersions(uid: string): Promise<VersionSummary[]>;
  getVersion(uid: string, version: number): Promise<StoredDashboard>;
  /** Saves an old version's dashboard as a new version; `fromVersion`, when given, must be current (else 409). */
  restore(uid: string, version: number, options: SaveOptions & { fromVersion?: number }): Promise<StoredDashboard>;
}
