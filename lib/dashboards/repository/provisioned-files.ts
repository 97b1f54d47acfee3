import "server-only";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { BadRequestError, NotFoundError } from "@/lib/http/errors";
import { checkJsonText } from "@/lib/http/json-text";
import { loadRepositoryConfig } from "./config";
import { resolveInside } from "./paths";

// The import page's third source: JSON files of the provisioned folder (ORRERY_PROVISIONED_DIR).
// Orrery's own provisioned dashboards are already served read-only; a Grafana JSON dropped there
// shows as invalid in the list, and this is how it becomes an editable dashboard.

export interface ProvisionedFileInfo {
  file: string;
  sizeBytes: number;
  /** "orrery": an Orrery dashboard (schemaVersion 1); "grafana": anything else that looks like one; "unreadable": not JSON or too large. */
  kind: "orrery" | "grafana" | "unreadable";
  title?: string;
}

const FILE_NAME = /^[^/\\\0]{1,255}\.json$/;
function provisionedDir(): string {
  return loadRepositoryConfig().provisionedDir;
}

function classify(text: string): Pick<ProvisionedFileInfo, "kind" | "title"> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (checkJsonText(body, { maxDepth: 200 }) !== null) return { kind: "unreadable" };
  const doc = JSON.parse(body) as unknown;
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { kind: "unreadable" };
  // Grafana's API export wraps the dashboard: {dashboard, meta}.
  const inner = (doc as { dashboard?: unknown }).dashboard;
  const d = (typeof inner === "object" && inner !== null ? inner : doc) as { schemaVersion?: unknown; title?: unknown };
  const title = typeof d.title === "string" ? d.title.slice(0, 200) : undefined;
  return { kind: d.schemaVersion === 1 ? "orrery" : "grafana", ...(title ? { title } : {}) };
}

/** The `*.json` files of the provisioned folder, by name; none when the folder does not exist. */
export async function listProvisionedImportFiles(maxBytes: number): Promise<ProvisionedFileInfo[]> {
  const dir = provisionedDir();
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => FILE_NAME.test(n) && !n.startsWith(".")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const out: ProvisionedFileInfo[] = [];
  for (const name of names) {
    const file = resolveInside(dir, name);
    const st = await stat(file);
    if (!st.isFile()) continue;
    const text = st.size > maxBytes ? null : await readUtf8(file, st.size);
    out.push({ file: name, sizeBytes: st.size, ...(text === null ? { kind: "unreadable" as const } : classify(text)) });
  }
  return out;
}

/** The text of one file of the provisioned folder, by its listed name: 400 for a name that is not one, 404 when absent. */
export async function readProvisionedImportFile(name: string, maxBytes: number): Promise<string> {
  if (!FILE_NAME.test(name) || name.startsWith(".") || path.basename(name) !== name) {
    throw new BadRequestError(`provisionedFile ${JSON.stringify(name.slice(0, 60))} is not a file name of the provisioned folder`, [
      { path: "provisionedFile", message: "must be a *.json file name, without folders" },
    ]);
  }
  const file = resolveInside(provisionedDir(), name);
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw Object.assign(new Error("not a file"), { code: "ENOENT" });
    size = st.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new NotFoundError(`the provisioned folder has no file ${name}`);
    throw e;
  }
  if (size > maxBytes) throw new BadRequestError(`provisioned file ${name} is larger than ${maxBytes} bytes`);
  const text = await readUtf8(file, size);
  if (text === null) throw new BadRequestError(`provisioned file ${name} is not valid UTF-8 text`);
  return text;
}

// At most `size` bytes (the size stat saw: a file growing meanwhile is cut, never read unbounded); null if not UTF-8.
async function readUtf8(file: string, size: number): Promise<string | null> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, bytesRead));
  } catch (e) {
    if (e instanceof TypeError) return null;
    throw e;
  } finally {
    await handle.close();
  }
}
