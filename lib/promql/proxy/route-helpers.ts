import "server-only";
import type { Principal } from "@/lib/auth/policy";
import { ApiError } from "@/lib/http/errors";
import { log } from "@/lib/ops/log";
import { metrics } from "@/lib/ops/metrics";
import { rateLimitResponse } from "@/lib/promql/query-layer";
import { errorEnvelope } from "./envelope";
import { handleProxyRequest } from "./handle";

/** What a client gets for a fault of Orrery itself (never its details): status 500, this envelope. */
export const INTERNAL_ERROR_ENVELOPE = errorEnvelope("bad_response", "internal error in the Orrery proxy");

/** A thrown error of the proxy's route in Prometheus's own envelope, like every other answer of the proxy. */
export function proxyErrorResponse(err: unknown, req: Request): Response {
  const headers = { "cache-control": "no-store" };
  if (err instanceof ApiError) return Response.json({ status: "error", errorType: err.code, error: err.message }, { status: err.status, headers });
  log.error({ err, method: req.method, path: new URL(req.url).pathname }, "unhandled error in the PromQL proxy");
  return Response.json(INTERNAL_ERROR_ENVELOPE, { status: 500, headers });
}

/**
 * One proxy request of an authorized principal, as the route `/api/ds/<id>/api/v1/<path>` and each
 * query of `/api/queries` run it: the per-user rate limit counts it (a 429 envelope when over), then
 * handleProxyRequest (query layer: cache, coalescing, splitting, limits, frames).
 */
export async function runProxyRequest(principal: Principal, req: Request, ds: string, path: string[]): Promise<Response> {
  const limited = await rateLimitResponse(principal, req);
  if (limited) return limited;
  const res = await handleProxyRequest(req, ds, path);
  const cache = res.headers.get("x-orrery-cache");
  if (cache) metrics().cacheRequests.inc({ result: cache });
  return res;
}
