import "server-only";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Issue } from "@/lib/validation/issues";
import { parseDashboard } from "../parse";
import { uidSchema } from "../schema";
import { resolveInside } from "./paths";
import type { StoredDashboard } from "./types";

/** A dashboard file of the provisioned folder: parsed, or the issues that stop it from parsing. */
export interface ProvisionedEntry {
  uid: string;
  file: string;
  updatedAt: string;
  stored?: StoredDashboard;
  issues?: Issue[];
}

// Parsed files by path, reused while size and mtime are unchanged: every get() consults the folder.
const cache = new Map<string, { key: string; entry: ProvisionedEntry | null }>();

// Still listed, with its problem, under the uid it claims (or its file name): never silently dropped.
function invalidEntry(name: string, doc: unknown, updatedAt: string, issues: Issue[]): ProvisionedEntry | null {
  const claimed = uidSchema.safeParse((doc as { uid?: unknown } | null | undefined)?.uid);
  const stem = uidSchema.safeParse(name.replace(/\.json$/, ""));
  const uid = claimed.success ? claimed.data : stem.success ? stem.data : null;
  if (uid === null) console.error(`[dashboards] provisioned ${name} has no usable uid and is skipped`);
  return uid === null ? null : { uid, file: name, updatedAt, issues };
}

function parseFile(name: string, text: string, updatedAt: string): ProvisionedEntry | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return invalidEntry(name, undefined, updatedAt, [{ path: "(root)", message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const parsed = parseDashboard(doc);
  if (!parsed.ok) return invalidEntry(name, doc, updatedAt, parsed.issues);
  const { uid } = parsed.dashboard;
  const meta = { uid, version: 1, createdAt: updatedAt, updatedAt, updatedBy: "provisioning", message: `provisioned from ${name}` };
  return { uid, file: name, updatedAt, stored: { dashboard: parsed.dashboard, meta: { ...meta, provisioned: true } } };
}

async function loadFile(file: string): Promise<ProvisionedEntry | null> {
  const st = await stat(file);
  if (!st.isFile()) return null;
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.key === key) return hit.entry;
  const entry = parseFile(path.basename(file), await readFile(file, "utf8"), st.mtime.toISOString());
  cache.set(file, { key, entry });
  return entry;
}

/**
 * The dashboards of the read-only provisioned folder (`*.json`), by uid; a missing folder holds
 * none. When two files claim one uid the first by file name wins and the other is logged.
 */
export async function loadProvisioned(dir: string): Promise<Map<string, ProvisionedEntry>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json") && !n.startsWith(".")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw e;
  }
  const out = new Map<string, ProvisionedEntry>();
  for (const name of names) {
    const entry = await loadFile(resolveInside(dir, name));
    if (!entry) continue;
    const taken = out.get(entry.uid);
    if (taken) console.error(`[dashboards] provisioned ${name} repeats uid ${entry.uid} of ${taken.file} and is ignored`);
    else out.set(entry.uid, entry);
  }
  return out;
}
