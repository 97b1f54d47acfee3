import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { resetAuthContext } from "@/lib/auth/context";
import { resetRepository } from "@/lib/dashboards/repository";
import { closePools, getPool } from "@/lib/storage/postgres/pool";
import { testBearer } from "../auth/test-principal";
import { startPostgres, type PostgresServer } from "../pg/postgres";

/** The dashboard stores the API suites run against (describe.each). */
export const STORE_KINDS = ["file", "postgres"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Looks at what a store holds, bypassing the API: files for the file store, rows for PostgreSQL. */
export interface StoreInspector {
  /** The stored current record `{ meta, dashboard }` of `uid`, or undefined. */
  current(uid: string): Promise<{ meta: Json; dashboard: Json } | undefined>;
  /** The version numbers stored for `uid`, ascending. */
  versions(uid: string): Promise<number[]>;
  /** The stored dashboards' uids (anything the store created, crash leftovers included), sorted. */
  uids(): Promise<string[]>;
  /** Trash entries, each starting with `<uid>.`. */
  trashed(): Promise<string[]>;
  /** Everything stored, as text: equal snapshots mean nothing was written. */
  snapshot(): Promise<string>;
}

export interface TempStore {
  kind: StoreKind;
  /** Holds data/ and provisioned/ only; anything else appearing here escaped the data folder. */
  root: string;
  dataDir: string;
  provisionedDir: string;
  /** The database of this test (postgres only). */
  databaseUrl?: string;
  inspect: StoreInspector;
  cleanup(): Promise<void>;
}

let postgres: Promise<PostgresServer> | undefined;

/** This test file's PostgreSQL server, started on first use; stop it with stopTestPostgres() in afterAll. */
export function testPostgres(): Promise<PostgresServer> {
  postgres ??= startPostgres();
  return postgres;
}

/** Stops this file's PostgreSQL server, if one was started. */
export async function stopTestPostgres(): Promise<void> {
  const server = postgres;
  postgres = undefined;
  await closePools();
  await (await server)?.destroy();
}

/**
 * A fresh store wired in through the env the app reads: a data folder and a provisioned folder,
 * and for `kind: "postgres"` a fresh database of this file's server (ORRERY_DATABASE_URL), which
 * then also holds the auth state (the tests' API token included).
 */
export async function useTempStore(options: { versions?: number; kind?: StoreKind } = {}): Promise<TempStore> {
  const kind = options.kind ?? "file";
  const root = await mkdtemp(path.join(tmpdir(), "orrery-store-"));
  const dataDir = path.join(root, "data");
  const provisionedDir = path.join(root, "provisioned");
  await mkdir(provisionedDir);
  vi.stubEnv("ORRERY_DATA_DIR", dataDir);
  vi.stubEnv("ORRERY_PROVISIONED_DIR", provisionedDir);
  vi.stubEnv("ORRERY_DASHBOARD_VERSIONS", String(options.versions ?? 50));
  const databaseUrl = kind === "postgres" ? await (await testPostgres()).createDatabase() : undefined;
  vi.stubEnv("ORRERY_DATABASE_URL", databaseUrl ?? "");
  resetRepository();
  resetAuthContext();
  // Requests act as an admin API token stored in this store (see request()).
  bearer = await testBearer("admin");
  return {
    kind,
    root,
    dataDir,
    provisionedDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    inspect: databaseUrl ? postgresInspector(databaseUrl, root) : fileInspector(dataDir, root),
    cleanup: async () => {
      vi.unstubAllEnvs();
      resetRepository();
      resetAuthContext();
      bearer = undefined;
      if (databaseUrl) await closePools();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function fileInspector(dataDir: string, root: string): StoreInspector {
  const readJson = async (file: string) =>
    readFile(file, "utf8").then(
      (t) => JSON.parse(t) as { meta: Json; dashboard: Json },
      () => undefined,
    );
  return {
    current: (uid) => readJson(path.join(dataDir, uid, "current.json")),
    versions: async (uid) =>
      (await readdir(path.join(dataDir, uid, "versions")).catch(() => []))
        .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number)
        .sort((a, b) => a - b),
    uids: async () => withoutAuthState(await readdir(dataDir).catch(() => [])).sort(),
    trashed: async () => (await readdir(path.join(dataDir, ".trash")).catch(() => [])).sort(),
    snapshot: async () => {
      const files = await tree(root);
      // Auth state is left out: the tests' API token records its last use there.
      const contents = await Promise.all(files.map((f) => (f.startsWith("data/.auth") ? "(auth)" : readFile(path.join(root, f), "utf8").catch(() => "(dir)"))));
      return JSON.stringify(files.map((f, i) => [f, contents[i]]));
    },
  };
}

function postgresInspector(url: string, root: string): StoreInspector {
  const q = async (text: string, values: unknown[] = []) => (await getPool(url).query(text, values)).rows;
  return {
    current: async (uid) => {
      const [row] = await q("SELECT uid, version, created_at, updated_at, updated_by, message, dashboard FROM dashboards WHERE uid = $1", [uid]);
      if (!row) return undefined;
      const meta = { uid: row.uid, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at, updatedBy: row.updated_by, message: row.message };
      return { meta, dashboard: row.dashboard };
    },
    versions: async (uid) => (await q("SELECT version FROM dashboard_versions WHERE uid = $1 ORDER BY version", [uid])).map((r) => r.version as number),
    uids: async () => (await q("SELECT uid FROM dashboards UNION SELECT uid FROM dashboard_versions ORDER BY uid")).map((r) => r.uid as string),
    trashed: async () => (await q("SELECT uid, id FROM dashboard_trash ORDER BY id")).map((r) => `${r.uid}.${r.id}`),
    snapshot: async () => {
      const tables = await Promise.all(
        ["dashboards ORDER BY uid", "dashboard_versions ORDER BY uid, version", "dashboard_trash ORDER BY id"].map((t) => q(`SELECT * FROM ${t}`).catch(() => "(none)")),
      );
      return JSON.stringify({ files: await tree(root), tables });
    },
  };
}

/** A small valid dashboard document as a client would send it (defaults left out). */
export function dashboardDoc(uid: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    uid,
    title: `Dashboard ${uid}`,
    tags: ["test"],
    panels: [{ id: 1, type: "timeseries", title: "Up", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "up" }] }],
    ...over,
  };
}

let bearer: string | undefined;

/** The Authorization header of the current temp store's admin API token (for requests built by hand). */
export function authHeader(): { authorization: string } {
  if (!bearer) throw new Error("call useTempStore() first: it creates the API token");
  return { authorization: bearer };
}

/** The entries of a data folder, minus the auth state (`.auth/`, where the tests' API token lives). */
export const withoutAuthState = (entries: string[]) => entries.filter((e) => e !== ".auth" && !e.startsWith(".auth/"));

/**
 * A request as a client would send it: JSON bodies carry `Content-Type: application/json`, and it is
 * authenticated with the admin API token of the current temp store unless `headers` sets
 * `authorization` (an empty value sends none).
 */
export function request(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Request {
  const auth: Record<string, string> = bearer && !("authorization" in headers) ? { authorization: bearer } : {};
  const given = Object.fromEntries(Object.entries(headers).filter(([k, v]) => k !== "authorization" || v !== ""));
  const init: RequestInit = { method, headers: { ...auth, ...given } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "content-type": "application/json", ...auth, ...given };
  }
  return new Request(`http://localhost${urlPath}`, init);
}

/** The second argument Next passes to a route handler. */
export function ctx<P extends Record<string, string>>(params: P): { params: Promise<P> } {
  return { params: Promise.resolve(params) };
}

/** Every file and folder under `dir`, relative and sorted. */
export async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response fields
export type Json = Record<string, any>;

/** The JSON body and status of a response. */
export async function body(res: Response): Promise<{ status: number; json: Json }> {
  return { status: res.status, json: (await res.json()) as Json };
}
