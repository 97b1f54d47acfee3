import { authorize } from "@/lib/auth/session";
import { ApiError } from "@/lib/http/errors";
import { EXPLORE_HEADER } from "@/lib/promql/api";
import { metrics } from "@/lib/ops/metrics";
import { observeRequest } from "@/lib/ops/request-log";
import { handleProxyRequest } from "@/lib/promql/proxy/handle";
import { rateLimitResponse } from "@/lib/promql/query-layer";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/ds/[ds]/api/v1/[...path]">;

// Explore and dashboards both send PromQL through here. Explore's requests carry `x-orrery-explore: 1` and
// need `query:explore`; others need `query:run`. The browser cannot prove which page asked, so with
// `viewersCanExplore: false` a viewer can still send PromQL without the header (docs/auth.md, known gap).
async function proxy(req: Request, ctx: Ctx): Promise<Response> {
  const { ds, path } = await ctx.params;
  // One route label for the proxy (paths are client-chosen); upstream metrics carry the endpoint.
  return observeRequest(req, "/api/ds/[ds]/api/v1/[...path]", async () => {
    let principal;
    try {
      principal = req.headers.get(EXPLORE_HEADER) === "1" ? await authorize(req, "query:explore") : await authorize(req, "query:run");
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // In Prometheus's own envelope, like every other answer of the proxy.
      return Response.json({ status: "error", errorType: err.code, error: err.message }, { status: err.status, headers: { "cache-control": "no-store" } });
    }
    const limited = await rateLimitResponse(principal, req);
    if (limited) return limited;
    const res = await handleProxyRequest(req, ds, path);
    const cache = res.headers.get("x-orrery-cache");
    if (cache) metrics().cacheRequests.inc({ result: cache });
    return res;
  });
}

export const GET = proxy;
export const POST = proxy;
export const PUT = proxy;
export const DELETE = proxy;
export const PATCH = proxy;
