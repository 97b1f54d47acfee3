import { z } from "zod";
import { BadRequestError } from "@/lib/http/errors";
import { parseDashboard } from "../parse";
import type { Dashboard } from "../schema";
import { assertUid } from "./uid";

// Request shapes of /api/dashboards; no disk access here, so the browser client may import them.

const messageSchema = z.string().trim().max(500);
const versionSchema = z.number().int().min(1);

/** `POST /api/dashboards`; `dashboard` is checked by parseDashboardField (migrations first). */
export const createBodySchema = z.strictObject({ dashboard: z.unknown(), message: messageSchema.optional() });

/** `PUT /api/dashboards/<uid>`: `version` is the version the edit started from. */
export const updateBodySchema = z.strictObject({ dashboard: z.unknown(), version: versionSchema, message: messageSchema.optional() });

/** `POST /api/dashboards/<uid>/restore`: restore `version`; `fromVersion`, when given, must still be current. */
export const restoreBodySchema = z.strictObject({ version: versionSchema, fromVersion: versionSchema.optional(), message: messageSchema.optional() });

/** `GET /api/dashboards?query=&tag=&tag=`. */
export const listQuerySchema = z.strictObject({
  query: z.string().max(200).optional(),
  tags: z.array(z.string().max(50)).max(20),
});

/** Reads the list filter from a request URL's search params. */
export function parseListQuery(url: URL): z.infer<typeof listQuerySchema> {
  const query = url.searchParams.get("query") ?? undefined;
  return listQuerySchema.parse({ query, tags: url.searchParams.getAll("tag").filter((t) => t !== "") });
}

/**
 * Migrates and validates the `dashboard` of a request body: 400 with every failing field named
 * from the body's root (`dashboard.panels[0].gridPos.w`).
 */
export function parseDashboardField(doc: unknown): Dashboard {
  const parsed = parseDashboard(doc);
  if (parsed.ok) return parsed.dashboard;
  const issues = parsed.issues.map((i) => ({ path: i.path === "(root)" ? "dashboard" : `dashboard.${i.path}`, message: i.message }));
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
  throw new BadRequestError(`invalid dashboard: ${shown}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`, issues);
}

/** A `[uid]` route segment: 400 unless it is a valid uid (checked before it can become a path). */
export function parseUidParam(raw: string): string {
  assertUid(raw);
  return raw;
}

/** A `[version]` route segment: a positive integer, else 400. */
export function parseVersionParam(raw: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(raw)) {
    throw new BadRequestError(`invalid version ${JSON.stringify(raw.slice(0, 20))}`, [{ path: "version", message: "must be a positive integer" }]);
  }
  return Number(raw);
}
