import * as z from "zod/mini";
import { formatZodError, type ZodIssues } from "@/lib/validation/issues";
import type { Dashboard } from "./schema";

// The browser's side of /api/dashboards: every response is parsed with the same schemas the
// server writes with (lib/dashboards/api-schemas.ts), so a shape drift shows as a clear error
// rather than a broken page. Those schemas are classic zod, loaded with each request rather than
// with this module: /d imports getDashboard but gets its dashboard with the HTML, and classic zod's
// module evaluation was ~50–90 ms of its hydration (issue 7 B5, scripts/bench/page-profile.ts).
const schemas = () => import("./api-schemas");

export type { DashboardSummaryResponse, StoredDashboardResponse, VersionSummaryResponse } from "./api-schemas";

// zod/mini, whose core the page already has (lib/promql/types.ts): error answers need no extra load.
const errorBodySchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string(), issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))) }),
});

/** A failed call to our own API, with the server's code, message and field issues. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Array<{ path: string; message: string }> = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/** What `call` needs of a schema: `safeParse`, which zod and zod/mini schemas both have. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: ZodIssues };
}

/**
 * fetch `url` and parse the JSON answer with `schema`. A network failure, an error envelope or an
 * answer of another shape becomes an ApiRequestError (an abort is rethrown as it is). A string body
 * goes up as JSON; other bodies (FormData) keep the content type fetch gives them. A schema still
 * loading (a promise, from import()) loads while the request runs.
 */
export async function call<T>(schema: ResponseSchema<T> | Promise<ResponseSchema<T>>, url: string, init: RequestInit = {}): Promise<T> {
  const loaded = Promise.resolve(schema);
  // Awaited only for a good answer: a failure to load must not also go unhandled when the request fails first.
  loaded.catch(() => {});
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: "application/json", ...(typeof init.body === "string" ? { "content-type": "application/json" } : {}), ...init.headers } });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiRequestError(0, "network", `Cannot reach Orrery: ${(e as Error).message}`);
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = errorBodySchema.safeParse(json);
    if (err.success) throw new ApiRequestError(res.status, err.data.error.code, err.data.error.message, err.data.error.issues, json);
    throw new ApiRequestError(res.status, "http", `${url} failed with HTTP ${res.status}`);
  }
  const parsed = (await loaded).safeParse(json);
  if (!parsed.success) throw new ApiRequestError(res.status, "bad_response", `Unexpected answer from ${url}: ${formatZodError(parsed.error)}`);
  return parsed.data;
}

const base = (uid: string) => `/api/dashboards/${encodeURIComponent(uid)}`;

/** The download URL of a dashboard's export (GET /api/dashboards/<uid>/export). */
export function exportUrl(uid: string, format: "grafana" | "orrery"): string {
  return `${base(uid)}/export?format=${format}`;
}

/** GET /api/dashboards?query=&tag= */
export async function listDashboards(filter: { query?: string; tags?: string[] } = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (filter.query) params.set("query", filter.query);
  for (const tag of filter.tags ?? []) params.append("tag", tag);
  return (await call(schemas().then((m) => m.dashboardListSchema), `/api/dashboards?${params}`, { signal })).dashboards;
}

/** GET /api/dashboards/<uid> */
export function getDashboard(uid: string, signal?: AbortSignal) {
  return call(schemas().then((m) => m.storedDashboardSchema), base(uid), { signal });
}

/** POST /api/dashboards: version 1 of a new dashboard (409 when the uid is taken). */
export function createDashboard(dashboard: Dashboard, message?: string) {
  return call(schemas().then((m) => m.storedDashboardSchema), "/api/dashboards", { method: "POST", body: JSON.stringify({ dashboard, message }) });
}

/** PUT /api/dashboards/<uid>: `version` is the one edited; a stale one is a 409 ApiRequestError. */
export function saveDashboard(dashboard: Dashboard, version: number, message?: string) {
  return call(schemas().then((m) => m.storedDashboardSchema), base(dashboard.uid), { method: "PUT", body: JSON.stringify({ dashboard, version, message }) });
}

export function deleteDashboard(uid: string) {
  return call(schemas().then((m) => m.deletedDashboardSchema), base(uid), { method: "DELETE" });
}

export async function listVersions(uid: string, signal?: AbortSignal) {
  return (await call(schemas().then((m) => m.versionListSchema), `${base(uid)}/versions`, { signal })).versions;
}

export function getVersion(uid: string, version: number, signal?: AbortSignal) {
  return call(schemas().then((m) => m.storedDashboardSchema), `${base(uid)}/versions/${version}`, { signal });
}

export function restoreVersion(uid: string, version: number, fromVersion: number) {
  return call(schemas().then((m) => m.storedDashboardSchema), `${base(uid)}/restore`, { method: "POST", body: JSON.stringify({ version, fromVersion }) });
}
