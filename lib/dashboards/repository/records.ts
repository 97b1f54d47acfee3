import "server-only";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { zodIssues, type Issue } from "@/lib/validation/issues";
import { parseDashboard } from "../parse";
import type { Dashboard } from "../schema";
import { InvalidStoredDashboardError } from "./errors";
import { versionMetaSchema, type StoredDashboard, type VersionMeta } from "./types";

const recordFileSchema = z.strictObject({ meta: versionMetaSchema, dashboard: z.unknown() });

/** A version file with its meta checked and its dashboard not yet parsed. */
export interface RawRecord {
  meta: VersionMeta;
  doc: unknown;
}

const prefixed = (prefix: string, issues: Issue[]) =>
  issues.map((i) => ({ path: i.path === "(root)" ? prefix : `${prefix}.${i.path}`, message: i.message }));

/**
 * Reads `<uid>/current.json` or `<uid>/versions/<n>.json`: null when the file does not exist, 500
 * naming the problem when it is not JSON or its meta is wrong. The dashboard is parsed by toStored.
 */
export async function readRecord(file: string, uid: string): Promise<RawRecord | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InvalidStoredDashboardError(uid, [{ path: "(root)", message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const parsed = recordFileSchema.safeParse(json);
  if (!parsed.success) throw new InvalidStoredDashboardError(uid, zodIssues(parsed.error));
  if (parsed.data.meta.uid !== uid) {
    throw new InvalidStoredDashboardError(uid, [{ path: "meta.uid", message: `is "${parsed.data.meta.uid}", expected "${uid}"` }]);
  }
  return { meta: parsed.data.meta, doc: parsed.data.dashboard };
}

/** Parses (and migrates) a stored dashboard; 500 naming the failing fields when it no longer parses. */
export function toStored(raw: RawRecord, provisioned = false): StoredDashboard {
  const parsed = parseDashboard(raw.doc);
  if (!parsed.ok) throw new InvalidStoredDashboardError(raw.meta.uid, prefixed("dashboard", parsed.issues));
  if (parsed.dashboard.uid !== raw.meta.uid) {
    throw new InvalidStoredDashboardError(raw.meta.uid, [{ path: "dashboard.uid", message: `is "${parsed.dashboard.uid}", expected "${raw.meta.uid}"` }]);
  }
  return { dashboard: parsed.dashboard, meta: { ...raw.meta, provisioned } };
}

/** The file content for one version: indented, so a person can diff and read it. */
export function serializeRecord(meta: VersionMeta, dashboard: Dashboard): string {
  return `${JSON.stringify({ meta, dashboard }, null, 2)}\n`;
}
