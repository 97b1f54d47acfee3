import "server-only";
import { promisify } from "node:util";
import { gunzip, gunzipSync } from "node:zlib";
import type { Datasource } from "@/lib/config/schema";
import type { Envelope } from "@/lib/promql/types";
import type { Endpoint, HttpMethod } from "@/lib/promql/proxy/endpoints";
import { checkUpstreamBody, type EnvelopeHead, headOf, parseUpstreamBody, ProxyError } from "@/lib/promql/proxy/envelope";
import { requestUpstream } from "@/lib/promql/proxy/upstream";
import { metrics } from "@/lib/ops/metrics";

const gunzipAsync = promisify(gunzip);
// Below this many compressed bytes, gunzip inline: a thread-pool round trip costs more than the work.
const SYNC_GUNZIP_BYTES = 32 * 1024;

/** An upstream answer, decoded and checked to be a complete Prometheus envelope. Never holds headers beyond Cache-Control. */
export interface Fetched {
  status: number;
  cacheControl?: string;
  /** The decoded body exactly as the upstream sent it. */
  body: Buffer;
  /** The envelope's own fields (status, error, warnings, infos). */
  head: EnvelopeHead;
  /** The length of `data.result` when it is an array. */
  resultCount?: number;
  /** The whole envelope, parsed on first call (an answer relayed as received is never parsed). */
  envelope: () => Envelope;
  upstreamMs: number;
}

/**
 * A Fetched from a decoded body. `parse`: JSON.parse it now (the caller reads `data`: the cache, frames);
 * else a validating scan (json-scan.ts) that builds no objects, and JSON.parse only if `envelope()` is
 * called. Either way a body that is not a complete envelope gives the reason and no Fetched.
 */
export function checkedFetched(
  status: number,
  cacheControl: string | undefined,
  body: Buffer,
  upstreamMs: number,
  contentType: string | undefined,
  parse: boolean,
): Fetched | { reason: string } {
  const base = { status, ...(cacheControl ? { cacheControl } : {}), body, upstreamMs };
  if (parse) {
    const parsed = parseUpstreamBody(body.toString("utf8"), contentType);
    if ("reason" in parsed) return parsed;
    const result = (parsed.envelope.data as { result?: unknown } | undefined)?.result;
    return { ...base, head: headOf(parsed.envelope), ...(Array.isArray(result) ? { resultCount: result.length } : {}), envelope: () => parsed.envelope };
  }
  const checked = checkUpstreamBody(body, contentType);
  if ("reason" in checked) return checked;
  let envelope: Envelope | undefined;
  // Checked above: the full parse cannot fail.
  return { ...base, ...checked, envelope: () => (envelope ??= JSON.parse(body.toString("utf8")) as Envelope) };
}

/** Counts upstream requests per datasource (read by tests and the benchmark's server-timing). */
export const upstreamCounter = { requests: 0 };

/**
 * An upstream (or the load balancer before it) shedding load without a Prometheus body: 503
 * `unavailable`, never a 429 (that would read as Orrery's own rate limit), with its Retry-After.
 */
function overloaded(name: string, status: number, retryAfter: string | string[] | undefined): ProxyError {
  const ra = typeof retryAfter === "string" && /^\d{1,6}$/.test(retryAfter.trim()) ? retryAfter.trim() : undefined;
  const what = status === 429 ? "is rate limiting Orrery" : "is unavailable";
  return new ProxyError(503, "unavailable", `${name} ${what} (HTTP ${status})${ra ? `; retry after ${ra}s` : ""}`, ra ? { "retry-after": ra } : {});
}

/**
 * One request to the upstream: gunzip, check the envelope, map 401/403 and garbage to 502, a
 * missing endpoint to 404. Upstream errors in the envelope (400 bad_data, 422, 503) come back as Fetched.
 */
export async function fetchUpstream(ds: Datasource, endpoint: Endpoint, method: HttpMethod, params: URLSearchParams, signal?: AbortSignal, parse = false): Promise<Fetched> {
  const name = `datasource "${ds.id}"`;
  const started = performance.now();
  upstreamCounter.requests++;
  const timer = metrics().upstreamDuration.startTimer({ datasource: ds.id, endpoint: endpoint.name });
  let res: Awaited<ReturnType<typeof requestUpstream>>;
  try {
    res = await requestUpstream(ds, { method, path: endpoint.path, params, signal });
  } catch (e) {
    timer({ status: "0" });
    throw e;
  }
  timer({ status: String(res.status) });
  const upstreamMs = performance.now() - started;
  if (res.status === 401 || res.status === 403) {
    // Never pass an upstream 401 on: the browser would take it for its own session expiring.
    throw new ProxyError(502, "bad_response", `${name} rejected Orrery's credentials (HTTP ${res.status})`);
  }
  let body = res.body;
  if (res.headers["content-encoding"] === "gzip") {
    try {
      body = res.body.length <= SYNC_GUNZIP_BYTES ? gunzipSync(res.body) : await gunzipAsync(res.body);
    } catch {
      throw new ProxyError(502, "bad_response", `${name} sent a truncated or corrupt gzip body (HTTP ${res.status})`);
    }
  }
  const cc = res.headers["cache-control"];
  const checked = checkedFetched(res.status, cc ? String(cc) : undefined, body, upstreamMs, res.headers["content-type"], parse);
  if ("reason" in checked) {
    if (res.status === 404) throw new ProxyError(404, "not_found", `${name} does not serve /api/v1/${endpoint.path} (HTTP 404)`);
    if (res.status === 429 || res.status === 503) throw overloaded(name, res.status, res.headers["retry-after"]);
    throw new ProxyError(502, "bad_response", `${name} returned ${checked.reason} with HTTP ${res.status}`);
  }
  return checked;
}
