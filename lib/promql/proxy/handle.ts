import "server-only";
import { findDatasource } from "@/lib/config";
import { cacheControlFor } from "@/lib/http/compression";
import { layerSettings, runInstant, runRange, type LayerResult } from "@/lib/promql/query-layer";
import { resolveEndpoint, type HttpMethod } from "./endpoints";
import { errorEnvelope, ProxyError } from "./envelope";
import type { FramesBody } from "@/lib/promql/frames/body";
import { framesBody, type FramesRequest, takeFramesRequest } from "./frames";
import { buildUpstreamParams } from "./params";

/** Largest form body accepted on POST (long PromQL expressions fit easily). */
export const MAX_REQUEST_BYTES = 1024 * 1024;

function envelopeResponse(err: ProxyError, extraHeaders: Record<string, string> = {}): Response {
  // Error envelopes are a few hundred bytes: never worth a zlib stream (lib/http/compression.ts).
  return Response.json(errorEnvelope(err.errorType, err.message), {
    status: err.status,
    headers: { "cache-control": "no-store, no-transform", ...err.headers, ...extraHeaders },
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

/** Answers with the upstream's status and body (decoded: Next strips Content-Encoding from
 * route-handler responses, see next/dist/server/send-response.js, and compresses once itself). */
function relay(result: LayerResult, headers: Record<string, string>, contentType = "application/json; charset=utf-8"): Response {
  const out: Record<string, string> = {
    ...headers,
    "content-type": contentType,
    // Small answers skip Next's gzip (lib/http/compression.ts; query.compressMinBytes).
    "cache-control": cacheControlFor(result.cacheControl ?? "private, no-cache", result.body, layerSettings().compressMinBytes),
  };
  if (result.cache) out["x-orrery-cache"] = result.cache;
  // A Buffer is a Uint8Array: sent as is, without a copy.
  return new Response(result.body as BodyInit, { status: result.status, headers: out });
}

// Frames encoded from one envelope object (a full cache hit hands out the same one every time), by
// range, step and width: a repeated panel view is not encoded again. Gone with the envelope.
const framesMemo = new WeakMap<object, Map<string, FramesBody | undefined>>();

function cachedFramesBody(envelope: ReturnType<NonNullable<LayerResult["envelope"]>>, params: URLSearchParams, frames: FramesRequest): FramesBody | undefined {
  const key = `${params.get("start")}|${params.get("end")}|${params.get("step")}|${frames.width ?? ""}|${frames.wire}`;
  let byKey = framesMemo.get(envelope);
  if (byKey?.has(key)) return byKey.get(key);
  const body = framesBody(envelope, params, frames);
  if (!byKey) framesMemo.set(envelope, (byKey = new Map()));
  if (byKey.size < 8) byKey.set(key, body);
  return body;
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
    const clientParams = await readParams(req, method);
    // Frames (lib/promql/frames) are an encoding at this edge: their parameters never go upstream.
    const frames = endpoint.name === "query_range" ? takeFramesRequest(clientParams, req.headers.get("accept")) : undefined;
    const { params, stepClamp } = buildUpstreamParams(clientParams, ds, endpoint);
    // The query layer (lib/promql/query-layer): alignment, cache, splitting, coalescing, limits.
    const result =
      endpoint.name === "query_range"
        ? await runRange(ds, endpoint, method, params, req.signal)
        : await runInstant(ds, endpoint, method, params, req.signal);
    const headers: Record<string, string> = {
      "server-timing": `upstream;dur=${result.upstreamMs.toFixed(1)}`,
    };
    if (stepClamp) headers["x-orrery-step-clamped"] = `${stepClamp.requestedSeconds}->${stepClamp.usedSeconds}`;
    if (result.fetchedSamples !== undefined) headers["x-orrery-fetched-samples"] = String(result.fetchedSamples);
    if (frames && result.status === 200 && result.envelope) {
      const encoded = cachedFramesBody(result.envelope(), params, frames);
      const body = typeof encoded?.body === "string" ? encoded.body : encoded && Buffer.from(encoded.body.buffer, encoded.body.byteOffset, encoded.body.byteLength);
      if (encoded !== undefined && body !== undefined) return relay({ ...result, body }, { ...headers, "x-orrery-format": frames.wire === "binary" ? "frames-bin" : "frames" }, encoded.contentType);
    }
    return relay(result, headers);
  } catch (e) {
    if (e instanceof ProxyError) return envelopeResponse(e);
    console.error("proxy: unexpected error", e);
    return envelopeResponse(new ProxyError(500, "bad_response", "internal error in the Orrery proxy"));
  }
}
