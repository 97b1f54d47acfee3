import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resetConfig } from "@/lib/config";
import { handleProxyRequest } from "@/lib/promql/proxy/handle";

/** Points the app's configuration at these datasources (as ORRERY_CONFIG would at start-up). */
export function useDatasources(datasources: unknown[]): void {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-test-")), "orrery.config.json");
  writeFileSync(file, JSON.stringify({ datasources }));
  process.env.ORRERY_CONFIG = file;
  resetConfig();
}

export interface ProxyCall {
  method?: string;
  query?: string;
  form?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Calls the proxy as the route handler does: `path` is what follows /api/ds/<id>/api/v1/, split
 * into the decoded segments Next passes to the catch-all route.
 */
export async function callProxy(ds: string, pathAfterV1: string, call: ProxyCall = {}) {
  const url = `http://orrery.test/api/ds/${ds}/api/v1/${pathAfterV1}${call.query ? `?${call.query}` : ""}`;
  const headers: Record<string, string> = { ...call.headers };
  if (call.form !== undefined) headers["content-type"] ??= "application/x-www-form-urlencoded";
  const req = new Request(url, { method: call.method ?? (call.form !== undefined ? "POST" : "GET"), headers, body: call.form, signal: call.signal });
  const segments = pathAfterV1.split("/").map(decodeURIComponent);
  const res = await handleProxyRequest(req, ds, segments);
  const text = await res.text();
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}
