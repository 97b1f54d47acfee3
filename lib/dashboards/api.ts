import { z } from "zod";
import { formatZodError, type ZodIssues } from "@/lib/validation/issues";
import { versionMetaSchema } from "./repository/types";
import { dashboardSchema, type Dashboard } from "./schema";

// The browser's side of /api/dashboards: every response is parsed with the same schemas the
// server writes with, so a shape drift shows as a clear error rather than a broken page.

export const dashboardMetaSchema = versionMetaSchema.extend({ provisioned: z.boolean() });
export const storedDashboardSchema = z.object({ dashboard: dashboardSchema, meta: dashboardMetaSchema });
export type StoredDashboardResponse = z.infer<typeof storedDashboardSchema>;

export const dashboardSummarySchema = z.object({
  uid: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  version: z.number(),
  updatedAt: z.string(),
  provisioned: z.boolean(),
  error: z.string().optional(),
});
export type DashboardSummaryResponse = z.infer<typeof dashboardSummarySchema>;
const listSchema = z.object({ dashboards: z.array(dashboardSummarySchema) });

const versionSummarySchema = versionMetaSchema.pick({ version: true, updatedAt: true, updatedBy: true, message: true });
const versionListSchema = z.object({ versions: z.array(versionSummarySchema) });
export type VersionSummaryResponse = z.infer<typeof versionSummarySchema>;

const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).loose(),
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
 * goes up as JSON; other bodies (FormData) keep the content type fetch gives them.
 */
export async function call<T>(schema: ResponseSchema<T>, url: string, init: RequestInit = {}): Promise<T> {
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
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiRequestError(res.status, "bad_response", `Unexpected answer from ${url}: ${formatZodError(parsed.error)}`);
  return parsed.data;
}

const base = (uid: string) => `/api/dashboards/${encodeURIComponent(uid)}`;

/** GET /api/dashboards?query=&tag= */
export async function listDashboards(filter: { query?: string; tags?: string[] } = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (filter.query) params.set("query", filter.query);
  for (const tag of filter.tags ?? []) params.append("tag", tag);
  return (await call(listSchema, `/api/dashboards?${params}`, { signal })).dashboards;
}

/** GET /api/dashboards/<uid> */
export function getDashboard(uid: string, signal?: AbortSignal) {
  return call(storedDashboardSchema, base(uid), { signal });
}

/** POST /api/dashboards: version 1 of a new dashboard (409 when the uid is taken). */
export function createDashboard(dashboard: Dashboard, message?: string) {
  return call(storedDashboardSchema, "/api/dashboards", { method: "POST", body: JSON.stringify({ dashboard, message }) });
}

/** PUT /api/dashboards/<uid>: `version` is the one edited; a stale one is a 409 ApiRequestError. */
export function saveDashboard(dashboard: Dashboard, version: number, message?: string) {
  return call(storedDashboardSchema, base(dashboard.uid), { method: "PUT", body: JSON.stringify({ dashboard, version, message }) });
}

export function deleteDashboard(uid: string) {
  return call(z.object({ uid: z.string(), deleted: z.literal(true) }), base(uid), { method: "DELETE" });
}

export async function listVersions(uid: string, signal?: AbortSignal) {
  return (await call(versionListSchema, `${base(uid)}/versions`, { signal })).versions;
}

export function getVersion(uid: string, version: number, signal?: AbortSignal) {
  return call(storedDashboardSchema, `${base(uid)}/versions/${version}`, { signal });
}

export function restoreVersion(uid: string, version: number, fromVersion: number) {
  return call(storedDashboardSchema, `${base(uid)}/restore`, { method: "POST", body: JSON.stringify({ version, fromVersion }) });
}
