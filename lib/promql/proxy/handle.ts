import "server-only";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { findDatasource } from "@/lib/config";
import type { Datasource } from "@/lib/config/schema";
import { resolveEndpoint, type Endpoint, type HttpMethod } from "./endpoints";
import { errorEnvelope, parseUpstreamBody, ProxyError } from "./envelope";
import { buildUpstreamParams } from "./params";
import { requestUpstream, type UpstreamResponse } from "./upstream";

const gunzipAsync = promisify(gunzip);

/** Largest form body accepted on POST (long PromQL expressions fit easily). */
export const MAX_REQUEST_BYTES = 1024 * 1024;

function envelopeResponse(err: ProxyError, extraHeaders: Record<string, string> = {}): Response {
  return Response.json(errorEnvelope(err.errorType, err.message), {
    status: err.status,
    headers: { "cache-control": "no-store", ...extraHeaders },
  });
}

async function readParams(req: Request, method: HttpMethod): Promise<URLSearchParams> {
  const query = new URL(req.url).searchParams;
  if (method === "GET") return query;
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    throw new ProxyError(400, "bad_data", `POST bodies must be application/x-www-form-urlencoded, got "${type || "none"}"`);
  }
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw new ProxyError(413, "too_large", `request body exceeds ${MAX_REQUEST_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_REQUEST_BYTES) throw new ProxyError(413, "too_large", `request body exceeds ${MAX_REQUEST_BYTES} bytes`);
  // As Go's r.FormValue does: body values win, URL query values fill in the rest.
  const params = new URLSearchParams(text);
  for (const [k, v] of query) if (!params.has(k)) params.append(k, v);
  return params;
}

async function decodeBody(ds: Datasource, res: UpstreamResponse): Promise<Buffer> {
  if (res.headers["content-encoding"] !== "gzip") return res.body;
  try {
    return await gunzipAsync(res.body);
  } catch {
    throw new ProxyError(502, "bad_response", `datasource "${ds.id}" sent a truncated or corrupt gzip body (HTTP ${res.status})`);
  }
}

/** Turns the upstream's answer into ours: its envelope and status, or a 4xx/502 naming the fault. */
async function relay(ds: Datasource, endpoint: Endpoint, res: UpstreamResponse, headers: Record<string, string>) {
  const name = `datasource "${ds.id}"`;
  if (res.status === 401 || res.status === 403) {
    // Never pass an upstream 401 on: the browser would take it for its own session expiring.
    throw new ProxyError(502, "bad_response", `${name} rejected Orrery's credentials (HTTP ${res.status})`);
  }
  const decoded = await decodeBody(ds, res);
  const parsed = parseUpstreamBody(decoded.toString("utf8"), res.headers["content-type"]);
  if ("reason" in parsed) {
    if (res.status === 404) throw new ProxyError(404, "not_found", `${name} does not serve /api/v1/${endpoint.path} (HTTP 404)`);
    throw new ProxyError(502, "bad_response", `${name} returned ${parsed.reason} with HTTP ${res.status}`);
  }
  const out: Record<string, string> = {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "cache-control": String(res.headers["cache-control"] ?? "private, no-cache"),
  };
  // The upstream hop is gzip; the body goes out decoded because Next strips Content-Encoding from
  // route-handler responses (next/dist/server/send-response.js) and compresses once itself.
  return new Response(new Uint8Array(decoded), { status: res.status, headers: out });
}

/**
 * The PromQL proxy: `/api/ds/<id>/api/v1/<segments>` to the datasource's Prometheus HTTP API.
 * Only allowlisted endpoints and methods pass; answers are always in the Prometheus envelope.
 */
export async function handleProxyRequest(req: Request, dsId: string, segments: string[]): Promise<Response> {
  try {
    const ds = findDatasource(dsId);
    if (!ds) throw new ProxyError(404, "not_found", `unknown datasource "${dsId}"`);
    const endpoint = resolveEndpoint(segments, ds.type);
    if (!endpoint) throw new ProxyError(404, "not_found", `"/api/v1/${segments.join("/")}" is not an endpoint Orrery proxies`);
    const method = req.method as HttpMethod;
    if (!endpoint.methods.includes(method)) {
      return envelopeResponse(new ProxyError(405, "method_not_allowed", `${req.method} is not allowed on /api/v1/${endpoint.path}`), {
        allow: endpoint.methods.join(", "),
      });
    }
    const { params, stepClamp } = buildUpstreamParams(await readParams(req, method), ds, endpoint);
    const started = performance.now();
    const res = await requestUpstream(ds, { method, path: endpoint.path, params, signal: req.signal });
    const headers: Record<string, string> = {
      "server-timing": `upstream;dur=${(performance.now() - started).toFixed(1)}`,
    };
    if (stepClamp) headers["x-orrery-step-clamped"] = `${stepClamp.requestedSeconds}->${stepClamp.usedSeconds}`;
    return await relay(ds, endpoint, res, headers);
  } catch (e) {
    if (e instanceof ProxyError) return envelopeResponse(e);
    console.error("proxy: unexpected error", e);
    return envelopeResponse(new ProxyError(500, "bad_response", "internal error in the Orrery proxy"));
  }
}
