import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { isJsonContentType, readLimited } from "@/lib/http/body";
import { ApiError, BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "@/lib/http/errors";
import { checkJsonText, formatPosition } from "@/lib/http/json-text";
import { parseDashboardField } from "../repository/requests";
import { CURRENT_SCHEMA_VERSION, type Dashboard } from "../schema";
import { slugify } from "../url-state";
import { exportGrafanaDashboard, importGrafanaDashboard, ImportError, type ImportResult } from "./grafana";
import { readProvisionedImportFile } from "../repository/provisioned-files";

// The HTTP side of POST /api/dashboards/import: bounded reading of a JSON or multipart body, JSON
// text checked (syntax position, nesting) before it is parsed, then the pure importer.

/** Largest import: the body (JSON) or the uploaded file (multipart). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Deepest JSON nesting accepted; real dashboards nest about 10 levels. */
export const MAX_IMPORT_DEPTH = 200;
// Room for the multipart framing and the small fields next to a file of the maximum size.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const datasourceMapSchema = z.record(z.string().min(1).max(200), z.string().min(1).max(200));

/** `POST /api/dashboards/import` with a JSON body: the document inline, or a file of the provisioned folder. */
export const importJsonBodySchema = z
  .strictObject({
    dashboard: z.unknown().optional(),
    provisionedFile: z.string().min(1).max(255).optional(),
    datasourceMap: datasourceMapSchema.optional(),
    save: z.boolean().optional(),
  })
  .refine((b) => (b.dashboard !== undefined) !== (b.provisionedFile !== undefined), {
    message: 'give exactly one of "dashboard" (the Grafana JSON) or "provisionedFile"',
  });

export interface ImportRequest {
  document: unknown;
  datasourceMap?: Record<string, string>;
  save: boolean;
}

function tooLarge(): ApiError {
  return new ApiError(413, "payload_too_large", `the import is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB (${MAX_IMPORT_BYTES} bytes); Orrery imports dashboards up to that size`);
}

/**
 * Parses JSON text of an import: 400 `invalid_json` naming the line, column and offset of the first
 * syntax error, 400 `too_deep` past MAX_IMPORT_DEPTH levels (checked before JSON.parse runs).
 */
export function parseImportJson(text: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors on Windows save a BOM
  const problem = checkJsonText(body, { maxDepth: MAX_IMPORT_DEPTH });
  if (problem?.kind === "depth") {
    throw new ApiError(400, "too_deep", `${what} has JSON nesting deeper than ${MAX_IMPORT_DEPTH} levels at ${formatPosition(problem)}; a dashboard never nests that deep`, undefined, {
      position: problem.position,
      line: problem.line,
      column: problem.column,
    });
  }
  if (problem) {
    throw new ApiError(400, "invalid_json", `${what} is not valid JSON: ${problem.message} at ${formatPosition(problem)}`, undefined, {
      position: problem.position,
      line: problem.line,
      column: problem.column,
    });
  }
  return JSON.parse(body) as unknown;
}

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError(`${what} is not valid UTF-8 text; expected a JSON file`);
  }
}

async function readCapped(req: Request, maxBytes: number): Promise<Uint8Array> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  try {
    return await readLimited(req, maxBytes);
  } catch (e) {
    if (e instanceof PayloadTooLargeError) throw tooLarge();
    throw e;
  }
}

async function readMultipart(req: Request): Promise<ImportRequest> {
  const bytes = await readCapped(req, MAX_IMPORT_BYTES + MULTIPART_OVERHEAD_BYTES);
  let form: FormData;
  try {
    // Parsed from the bounded copy, never from the request stream (formData() would buffer without limit).
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": req.headers.get("content-type")! } }).formData();
  } catch {
    throw new BadRequestError("the multipart/form-data body could not be read; send the dashboard in a field named \"file\"");
  }
  const file = form.get("file");
  if (file === null) throw new BadRequestError('the form has no "file" field; send the Grafana dashboard JSON file as "file"', [{ path: "file", message: "is required" }]);
  const fileBytes = typeof file === "string" ? new TextEncoder().encode(file) : new Uint8Array(await file.arrayBuffer());
  if (fileBytes.byteLength > MAX_IMPORT_BYTES) throw tooLarge();
  const name = typeof file === "string" || !file.name ? "the file" : `the file ${JSON.stringify(file.name.slice(0, 100))}`;
  const document = parseImportJson(decodeUtf8(fileBytes, name), name);
  const mapField = form.get("datasourceMap");
  let datasourceMap: Record<string, string> | undefined;
  if (typeof mapField === "string" && mapField.trim() !== "") {
    datasourceMap = datasourceMapSchema.parse(parseImportJson(mapField, 'the "datasourceMap" field'));
  }
  const save = form.get("save");
  if (save !== null && save !== "true" && save !== "false") throw new BadRequestError('the "save" field must be "true" or "false"', [{ path: "save", message: 'must be "true" or "false"' }]);
  return { document, datasourceMap, save: save === "true" };
}

/**
 * Reads the import request: `application/json` `{dashboard | provisionedFile, datasourceMap?, save?}`
 * or `multipart/form-data` with `file` (+ `datasourceMap` JSON, `save`). Bounded by MAX_IMPORT_BYTES
 * (413 as soon as more arrives), nesting checked before parsing; 415 for any other type.
 */
export async function readImportRequest(req: Request): Promise<ImportRequest> {
  const type = req.headers.get("content-type") ?? "";
  if (/^multipart\/form-data\s*;/i.test(type)) return readMultipart(req);
  if (!isJsonContentType(req)) throw new UnsupportedMediaTypeError(type || null);
  const text = decodeUtf8(await readCapped(req, MAX_IMPORT_BYTES), "the request body");
  if (text.trim() === "") throw new BadRequestError('the request body is empty; expected {"dashboard": <Grafana dashboard JSON>}');
  const body = importJsonBodySchema.parse(parseImportJson(text, "the request body"));
  const document = body.provisionedFile !== undefined ? parseImportJson(await readProvisionedImportFile(body.provisionedFile, MAX_IMPORT_BYTES), `provisioned file ${body.provisionedFile}`) : body.dashboard;
  return { document, datasourceMap: body.datasourceMap, save: body.save ?? false };
}

/** What the import route answers: the converted dashboard, the report and the datasource references. */
export type ConvertedImport = ImportResult & { format: "grafana" | "orrery" };

// Orrery's own export (schemaVersion 1; Grafana's start at 14 for the oldest supported) is taken as is.
function isOrreryDocument(doc: unknown): boolean {
  return typeof doc === "object" && doc !== null && !Array.isArray(doc) && (doc as { schemaVersion?: unknown }).schemaVersion === CURRENT_SCHEMA_VERSION;
}

/**
 * Converts an import document with the configured datasources (the default one for `null` and
 * unmapped references). Not a dashboard → 400 `not_a_dashboard`; an Orrery document is validated
 * as one (400 naming its fields) and returned with an empty report.
 */
export function convertImport(document: unknown, datasourceMap?: Record<string, string>): ConvertedImport {
  if (isOrreryDocument(document)) return { dashboard: parseDashboardField(document), report: [], datasourceRefs: [], format: "orrery" };
  const { datasources } = getConfig();
  const known = new Set(datasources.map((d) => d.id));
  const unknown = Object.entries(datasourceMap ?? {}).find(([, id]) => !known.has(id));
  if (unknown) {
    throw new BadRequestError(`datasourceMap maps ${JSON.stringify(unknown[0])} to ${JSON.stringify(unknown[1])}, which is not a configured datasource`, [
      { path: `datasourceMap.${unknown[0]}`, message: `must be one of ${[...known].join(", ")}` },
    ]);
  }
  const defaultDatasource = (datasources.find((d) => d.default) ?? datasources[0])?.id ?? "";
  try {
    const result = importGrafanaDashboard(document, {
      datasources: datasources.map(({ id, name, type }) => ({ id, name, type })),
      defaultDatasource,
      datasourceMap,
    });
    return { ...result, format: "grafana" };
  } catch (e) {
    if (e instanceof ImportError) throw new ApiError(400, "not_a_dashboard", `not a Grafana dashboard: ${e.message}`);
    if (e instanceof ApiError) throw e;
    // The importer is pure and should not throw on odd input; if it does, say so without a 500.
    console.error("[import] the importer failed:", e);
    throw new ApiError(422, "import_failed", `the dashboard could not be converted: ${(e as Error).message ?? String(e)}`);
  }
}

/** The export formats of GET /api/dashboards/<uid>/export. */
export const EXPORT_FORMATS = ["grafana", "orrery"] as const;

/**
 * A dashboard as a download: Grafana JSON (datasources as `{type, uid: <Orrery id>}`) or Orrery's
 * own document; the file name comes from the title's slug. 400 for an unknown format.
 */
export function exportDashboardFile(dashboard: Dashboard, format: string): { json: unknown; disposition: string } {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new BadRequestError(`unknown export format ${JSON.stringify(format.slice(0, 40))}; use ${EXPORT_FORMATS.map((f) => `format=${f}`).join(" or ")}`, [
      { path: "format", message: `must be one of ${EXPORT_FORMATS.join(", ")}` },
    ]);
  }
  const datasources = getConfig().datasources.map(({ id, name, type }) => ({ id, name, type }));
  const json = format === "grafana" ? exportGrafanaDashboard(dashboard, { datasources }) : dashboard;
  // The slug alphabet is safe in a quoted header value; RFC 6266 filename* is not needed.
  const name = `${slugify(dashboard.title).replace(/[^a-z0-9_-]/g, "") || dashboard.uid}.${format}.json`;
  return { json, disposition: `attachment; filename="${name}"` };
}
