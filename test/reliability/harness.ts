// Shared set-up of the reliability suite: config files, the quick/hard profile, and calls to the
// real route handlers (found on disk, so routes added later are fuzzed without touching this suite).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { resetAuthContext } from "@/lib/auth/context";
import { resetConfig } from "@/lib/config";
import { resetRepository } from "@/lib/dashboards/repository";
import { resetQueryLayer } from "@/lib/promql/query-layer";
import { testBearer } from "../auth/test-principal";

export const REPO = path.resolve(import.meta.dirname, "../..");

/** `ORRERY_RELIABILITY=hard` (npm run test:hard) selects the long profile. */
export const HARD = process.env.ORRERY_RELIABILITY === "hard";

/** The quick count in `npm test`, the hard one under `npm run test:hard`. */
export const runs = (quick: number, hard: number): number => {
  // ORRERY_RELIABILITY_SCALE multiplies the quick counts (exploratory runs between the two profiles).
  const scale = Number(process.env.ORRERY_RELIABILITY_SCALE ?? 1);
  return HARD ? hard : Math.max(1, Math.round(quick * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
};

export { recordFigure } from "./figures";

export interface AppEnv {
  root: string;
  dataDir: string;
  configFile: string;
  bearer: string;
  /** Removes the folder and restores the env. */
  cleanup(): Promise<void>;
}

/**
 * A fresh app environment: config with these datasources (plus `extra` sections), a data folder, an
 * empty provisioned folder, and an admin API token. Resets every cached singleton.
 */
export async function useApp(datasources: unknown[], extra: Record<string, unknown> = {}): Promise<AppEnv> {
  const root = mkdtempSync(path.join(tmpdir(), "orrery-reliab-"));
  const dataDir = path.join(root, "data");
  const provisioned = path.join(root, "provisioned");
  const configFile = path.join(root, "orrery.config.json");
  writeFileSync(configFile, JSON.stringify({ datasources, ...extra }));
  vi.stubEnv("ORRERY_CONFIG", configFile);
  vi.stubEnv("ORRERY_DATA_DIR", dataDir);
  vi.stubEnv("ORRERY_PROVISIONED_DIR", provisioned);
  mkdirSync(provisioned, { recursive: true });
  resetConfig();
  resetRepository();
  resetAuthContext();
  resetQueryLayer();
  const bearer = await testBearer("admin");
  const cleanup = async () => {
    vi.unstubAllEnvs();
    resetConfig();
    resetRepository();
    resetAuthContext();
    resetQueryLayer();
    await rm(root, { recursive: true, force: true });
  };
  return { root, dataDir, configFile, bearer, cleanup };
}

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
export const METHODS: Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
type Handler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;
export type RouteModule = Partial<Record<Method, Handler>>;

export interface DiscoveredRoute {
  /** e.g. app/api/dashboards/[uid]/route.ts */
  file: string;
  /** The URL pattern, e.g. /api/dashboards/[uid] */
  pattern: string;
  /** Dynamic segments in order: name and whether it is a catch-all. */
  params: { name: string; catchAll: boolean; optional: boolean }[];
  load(): Promise<RouteModule>;
}

const MODULES = import.meta.glob<RouteModule>("/app/**/route.ts");

/** Every app/**\/route.ts (a new route is picked up by the next run), with its dynamic segments. */
export function discoverRoutes(): DiscoveredRoute[] {
  return Object.keys(MODULES)
    .sort()
    .map((key) => {
      const file = key.slice(1);
      const pattern = `/${path.dirname(file).split("/").slice(1).join("/")}`;
      const params = [...pattern.matchAll(/\[(\[)?(\.\.\.)?([^\]]+)\]\]?/g)].map((m) => ({ name: m[3]!, catchAll: Boolean(m[2]), optional: Boolean(m[1]) }));
      return { file, pattern, params, load: MODULES[key]! };
    });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * encodeURIComponent that also takes lone surrogates (which it refuses): they go out as the bytes
 * ED A0 80, invalid UTF-8, as a hostile client could send them.
 */
export function encodeAny(s: string): string {
  return encodeURIComponent(s.replace(LONE_SURROGATE, "\u0001")).replaceAll("%01", "%ED%A0%80");
}

/** Fills a route pattern with values: catch-alls take an array of segments. */
export function fillPattern(route: DiscoveredRoute, values: Record<string, string | string[]>): string {
  return route.pattern.replace(/\[(\[)?(\.\.\.)?([^\]]+)\]\]?/g, (_m, _o, _c, name: string) => {
    const v = values[name] ?? "";
    return Array.isArray(v) ? v.map(encodeAny).join("/") : encodeAny(v);
  });
}

export const APP_ORIGIN = "http://orrery.reliab.test";

/** The JSON answer of a route (or undefined) and its status. */
export async function readAnswer(res: Response): Promise<{ status: number; text: string; json: unknown }> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** The error message in either of our envelopes ({error:{message}} or Prometheus's {error}). */
export function errorMessage(json: unknown): string | undefined {
  if (!json || typeof json !== "object") return undefined;
  const e = (json as { error?: unknown }).error;
  if (typeof e === "string") return e;
  if (e && typeof e === "object" && typeof (e as { message?: unknown }).message === "string") return (e as { message: string }).message;
  return undefined;
}

/** Rejects when `p` takes longer than `ms` (a hang is a failure, not a slow test). */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${what} took over ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
