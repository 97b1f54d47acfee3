import "server-only";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import type { Datasource } from "@/lib/config";
import { parseUpstreamBody } from "@/lib/promql/proxy/envelope";
import { requestUpstream } from "@/lib/promql/proxy/upstream";

const gunzipAsync = promisify(gunzip);

/**
 * GETs `/api/v1/<path>` of a configured datasource and returns the body text after checking it is a
 * successful Prometheus envelope. Only configured datasources are ever requested (no SSRF).
 */
export async function fetchApiText(ds: Datasource, path: string, params: Record<string, string>, signal?: AbortSignal): Promise<string> {
  const res = await requestUpstream(ds, { method: "GET", path, params: new URLSearchParams(params), signal });
  const body = res.headers["content-encoding"] === "gzip" ? await gunzipAsync(res.body) : res.body;
  const text = body.toString("utf8");
  const parsed = parseUpstreamBody(text, res.headers["content-type"]);
  if ("reason" in parsed) throw new Error(`/api/v1/${path} returned ${parsed.reason} (HTTP ${res.status})`);
  if (parsed.envelope.status !== "success") {
    throw new Error(`/api/v1/${path}: ${parsed.envelope.error ?? "error"} (HTTP ${res.status})`);
  }
  return text;
}

/** `data` of a successful `/api/v1/<path>` answer. */
export async function fetchApiData(ds: Datasource, path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
  return (JSON.parse(await fetchApiText(ds, path, params, signal)) as { data: unknown }).data;
}

/** Instant query; returns each sample's labels and numeric value. */
export async function instantQuery(ds: Datasource, query: string, signal?: AbortSignal): Promise<{ metric: Record<string, string>; value: number }[]> {
  const data = (await fetchApiData(ds, "query", { query }, signal)) as { resultType?: string; result?: { metric?: Record<string, string>; value?: [number, string] }[] };
  if (data.resultType !== "vector" || !Array.isArray(data.result)) return [];
  return data.result.map((r) => ({ metric: r.metric ?? {}, value: Number(r.value?.[1]) })).filter((r) => Number.isFinite(r.value));
}
