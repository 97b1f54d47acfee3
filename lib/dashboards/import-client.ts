// The browser's side of /api/dashboards/import (zod/mini: this ships to the browser). Answers are
// parsed with the same dashboard schema the server writes with.
import * as z from "zod/mini";
import { call } from "./api";
import { dashboardSchema } from "./schema";

export const importReportEntrySchema = z.object({
  panel: z.optional(z.object({ id: z.optional(z.number()), title: z.string(), type: z.string() })),
  path: z.string(),
  reason: z.string(),
});
export type ImportReportEntryResponse = z.infer<typeof importReportEntrySchema>;

export const importResponseSchema = z.object({
  dashboard: dashboardSchema,
  report: z.array(importReportEntrySchema),
  datasourceRefs: z.array(z.object({ key: z.string(), label: z.string(), usedBy: z.number() })),
  format: z.enum(["grafana", "orrery"]),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

export const provisionedFileSchema = z.object({
  file: z.string(),
  sizeBytes: z.number(),
  kind: z.enum(["orrery", "grafana", "unreadable"]),
  title: z.optional(z.string()),
});
export type ProvisionedFileResponse = z.infer<typeof provisionedFileSchema>;
const provisionedListSchema = z.object({ files: z.array(provisionedFileSchema) });

/** Where the dashboard to import comes from: pasted or uploaded text, or a file of the provisioned folder. */
export type ImportSource = { kind: "text"; text: string; fileName?: string } | { kind: "provisioned"; file: string };

/**
 * POST /api/dashboards/import without saving: text goes up as a multipart file (so the server's
 * syntax errors point into it), a provisioned file by name. Returns the dashboard, report and references.
 */
export function convertDashboard(source: ImportSource, datasourceMap?: Record<string, string>, signal?: AbortSignal): Promise<ImportResponse> {
  if (source.kind === "provisioned") {
    return call(importResponseSchema, "/api/dashboards/import", {
      method: "POST",
      signal,
      body: JSON.stringify({ provisionedFile: source.file, ...(datasourceMap ? { datasourceMap } : {}) }),
    });
  }
  const form = new FormData();
  form.append("file", new Blob([source.text], { type: "application/json" }), source.fileName ?? "");
  if (datasourceMap) form.append("datasourceMap", JSON.stringify(datasourceMap));
  return call(importResponseSchema, "/api/dashboards/import", { method: "POST", signal, body: form });
}

/** GET /api/dashboards/import: the JSON files of the provisioned folder. */
export async function listProvisionedFiles(signal?: AbortSignal): Promise<ProvisionedFileResponse[]> {
  return (await call(provisionedListSchema, "/api/dashboards/import", { signal })).files;
}
