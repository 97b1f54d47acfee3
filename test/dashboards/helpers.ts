import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { resetAuthContext } from "@/lib/auth/context";
import { resetRepository } from "@/lib/dashboards/repository";
import { testBearer } from "../auth/test-principal";

export interface TempStore {
  /** Holds data/ and provisioned/ only; anything else appearing here escaped the data folder. */
  root: string;
  dataDir: string;
  provisionedDir: string;
  cleanup(): Promise<void>;
}

/** A fresh data folder and provisioned folder, wired in through the env the store reads. */
export async function useTempStore(options: { versions?: number } = {}): Promise<TempStore> {
  const root = await mkdtemp(path.join(tmpdir(), "orrery-store-"));
  const dataDir = path.join(root, "data");
  const provisionedDir = path.join(root, "provisioned");
  await mkdir(provisionedDir);
  vi.stubEnv("ORRERY_DATA_DIR", dataDir);
  vi.stubEnv("ORRERY_PROVISIONED_DIR", provisionedDir);
  vi.stubEnv("ORRERY_DASHBOARD_VERSIONS", String(options.versions ?? 50));
  resetRepository();
  // Requests act as an admin API token stored in this data folder (see request()).
  bearer = await testBearer("admin");
  return {
    root,
    dataDir,
    provisionedDir,
    cleanup: async () => {
      vi.unstubAllEnvs();
      resetRepository();
      resetAuthContext();
      bearer = undefined;
      await rm(root, { recursive: true, force: true });
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
