import {
  datasourceListSchema,
  envelopeSchema,
  PromQLError,
  queryDataSchema,
  type DatasourceInfo,
  type InstantQueryParams,
  type MatrixData,
  type QueryData,
  type QueryResponse,
  type RangeQueryParams,
} from "./types";
import { fetchProxyQuery, type ProxyQuery } from "./batch/client";
import { earlyAnswersReady } from "./batch/early";
import { instantForm } from "./batch/forms";
import type { BatchEndpoint } from "./batch/schema";

/**
 * Sent by Explore's own queries: the proxy then asks for `query:explore` (off for viewers when
 * `viewersCanExplore` is false) instead of `query:run`. A UX signal, not a guard: see docs/auth.md.
 */
export const EXPLORE_HEADER = "x-orrery-explore";

/** Options of one query request. */
export interface QueryRequestOptions {
  /** The query was typed in Explore (sends EXPLORE_HEADER). */
  explore?: boolean;
}

/** Base URL of a datasource's Prometheus-compatible API (any Prometheus client can use it). */
export function datasourceBaseUrl(datasource: string): string {
  return `/api/ds/${encodeURIComponent(datasource)}`;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
}

/** Our own route handlers answer `{ error: { code, message } }` (STYLE §4), not the envelope. */
function routeErrorMessage(json: unknown): string | null {
  if (typeof json !== "object" || json === null || !("error" in json)) return null;
  const error = (json as { error: unknown }).error;
  if (typeof error === "string") return error;
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    return error.message;
  }
  return null;
}

/**
 * Turns an HTTP status and body from `/api/ds/<id>/api/v1/*` into the envelope's data and
 * annotations, or throws a PromQLError carrying the upstream's own message.
 */
export function readEnvelope(status: number, text: string, source: string): QueryResponse<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PromQLError(status, "bad_response", `Unexpected response from ${source} (HTTP ${status}): not JSON`);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const message = routeErrorMessage(json);
    if (message !== null) throw new PromQLError(status, "bad_response", message);
    throw new PromQLError(status, "bad_response", `Unexpected response from ${source} (HTTP ${status}): not a Prometheus API response`);
  }
  const envelope = parsed.data;
  if (envelope.status === "error") {
    throw new PromQLError(status, envelope.errorType ?? "unknown", envelope.error ?? `${source} failed (HTTP ${status})`);
  }
  if (status < 200 || status >= 300) {
    throw new PromQLError(status, "bad_response", `Unexpected response from ${source}: HTTP ${status} with status "success"`);
  }
  return { data: envelope.data, warnings: envelope.warnings ?? [], infos: envelope.infos ?? [] };
}

/** Checks a query result's shape (resultType and series), naming the failing path if it is wrong. */
export function parseQueryData(response: QueryResponse<unknown>, source: string): QueryResponse<QueryData> {
  const parsed = queryDataSchema.safeParse(response.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `data${issuePath(issue.path)}: ${issue.message}` : "data";
    throw new PromQLError(200, "bad_response", `Unexpected result from ${source}: ${where}`);
  }
  return { ...response, data: parsed.data };
}

/** `upstream;dur=12.3` from the proxy's Server-Timing header. */
export function upstreamMsFrom(serverTiming: string | null): number | undefined {
  const match = /(?:^|,)\s*upstream;dur=([\d.]+)/.exec(serverTiming ?? "");
  return match ? Number(match[1]) : undefined;
}

export interface Sent {
  status: number;
  text: string;
  timing: { totalMs: number; upstreamMs?: number; bytes: number };
}

/**
 * One fetch to an Orrery API: status, text and timing; network failures become a PromQLError. A
 * proxy query (`query`) may go in a batch with the others of this tick (lib/promql/batch/client.ts).
 */
export async function send(url: string, init: RequestInit, source: string, query?: ProxyQuery): Promise<Sent> {
  try {
    const started = performance.now();
    const res = query ? await fetchProxyQuery(query, url, init) : await fetch(url, { ...init, cache: "no-store" });
    const text = await res.text();
    const timing = { totalMs: performance.now() - started, upstreamMs: upstreamMsFrom(res.headers.get("server-timing")), bytes: text.length };
    return { status: res.status, text, timing };
  } catch (err) {
    // Cancellation is React Query's business: let it see the AbortError unchanged.
    if (init.signal?.aborted || (err instanceof DOMException && err.name === "AbortError")) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new PromQLError(0, "network", `Cannot reach the Orrery server for ${source}: ${detail}`);
  }
}

async function postForm(datasource: string, endpoint: BatchEndpoint, form: Record<string, string>, signal?: AbortSignal, opts: QueryRequestOptions = {}) {
  const source = `datasource "${datasource}" (${endpoint})`;
  const { status, text, timing } = await send(
    `${datasourceBaseUrl(datasource)}/api/v1/${endpoint}`,
    { method: "POST", body: new URLSearchParams(form), signal, ...(opts.explore ? { headers: { [EXPLORE_HEADER]: "1" } } : {}) },
    source,
    { datasource, endpoint, params: form, explore: opts.explore },
  );
  return { ...parseQueryData(readEnvelope(status, text, source), source), timing };
}

/** POST /api/ds/<id>/api/v1/query_range: a range query, whose result is always a matrix. */
export async function fetchRangeQuery(params: RangeQueryParams, signal?: AbortSignal, opts?: QueryRequestOptions): Promise<QueryResponse<MatrixData>> {
  const form = { query: params.expr, start: String(params.startS), end: String(params.endS), step: String(params.stepS) };
  const response = await postForm(params.datasource, "query_range", form, signal, opts);
  if (response.data.resultType !== "matrix") {
    throw new PromQLError(200, "bad_response", `query_range returned a ${response.data.resultType}, expected a matrix`);
  }
  return { ...response, data: response.data };
}

/** POST /api/ds/<id>/api/v1/query: an instant query at `timeS`; any result type. */
export function fetchInstantQuery(params: InstantQueryParams, signal?: AbortSignal, opts?: QueryRequestOptions): Promise<QueryResponse<QueryData>> {
  return postForm(params.datasource, "query", instantForm(params), signal, opts);
}

/**
 * GET /api/ds/<id><path>?<params> (path starting with /api/v1/): the envelope's data, as
 * `{ status: "success", data }`, or a PromQLError with the upstream's message. For variable queries.
 */
export async function fetchPrometheusJson(datasource: string, path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
  // A dashboard page's HTML may carry this very request's answer, run by the server for its early plan.
  const early = (await earlyAnswersReady())?.takeVariable({ datasource, path, params });
  const { status, text } = early ?? (await send(prometheusGetUrl(datasource, path, params), { signal }, prometheusJsonSource(datasource, path)));
  return prometheusJsonOf(status, text, prometheusJsonSource(datasource, path));
}

/** The URL fetchPrometheusJson asks (the proxy's GET /api/ds/<id><path>?<params>). */
export function prometheusGetUrl(datasource: string, path: string, params: Record<string, string>): string {
  return `${datasourceBaseUrl(datasource)}${path}?${new URLSearchParams(params)}`;
}

/** How fetchPrometheusJson names its request in errors. */
export function prometheusJsonSource(datasource: string, path: string): string {
  return `datasource "${datasource}" (${path.replace(/^\/api\/v1\//, "")})`;
}

/** What fetchPrometheusJson resolves to for an answer's status and body: `{ status: "success", data }`, or throws a PromQLError. */
export function prometheusJsonOf(status: number, text: string, source: string): { status: "success"; data: unknown } {
  return { status: "success", data: readEnvelope(status, text, source).data };
}

/** GET /api/datasources: the datasources this Orrery serves, without URLs or credentials. */
export async function fetchDatasources(signal?: AbortSignal): Promise<DatasourceInfo[]> {
  const source = "the datasource list";
  const { status, text } = await send("/api/datasources", { signal }, source);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PromQLError(status, "bad_response", `Unexpected response from ${source} (HTTP ${status}): not JSON`);
  }
  if (status < 200 || status >= 300) {
    throw new PromQLError(status, "bad_response", routeErrorMessage(json) ?? `Loading ${source} failed (HTTP ${status})`);
  }
  const parsed = datasourceListSchema.safeParse(json);
  if (!parsed.success) throw new PromQLError(status, "bad_response", `Unexpected response from ${source}`);
  return parsed.data.datasources;
}
