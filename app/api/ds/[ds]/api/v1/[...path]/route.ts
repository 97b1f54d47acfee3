import { authorize } from "@/lib/auth/session";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { log } from "@/lib/ops/log";
import { metrics } from "@/lib/ops/metrics";
import { EXPLORE_HEADER } from "@/lib/promql/api";
import { handleProxyRequest } from "@/lib/promql/proxy/handle";
import { rateLimitResponse } from "@/lib/promql/query-layer";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/ds/[ds]/api/v1/[...path]">;

// Errors in Prometheus's own envelope, like every other answer of the proxy.
function envelopeError(err: unknown, req: Request): Response {
  const headers = { "cache-control": "no-store" };
  if (err instanceof ApiError) return Response.json({ status: "error", errorType: err.code, error: err.message }, { status: err.status, headers });
  log.error({ err, method: req.method, path: new URL(req.url).pathname }, "unhandled error in the PromQL proxy");
  return Response.json({ status: "error", errorType: "bad_response", error: "internal error in the Orrery proxy" }, { status: 500, headers });
}

// Explore and dashboards both send PromQL through here. Explore's requests carry `x-orrery-explore: 1` and
// need `query:explore`; others need `query:run`. The browser cannot prove which page asked, so with
// `viewersCanExplore: false` a viewer can still send PromQL without the header (docs/auth.md, known gap).
// One route label for the proxy (paths are client-chosen); upstream metrics carry the endpoint.
// Form-encoded POSTs are Prometheus's own API, so no JSON body rule (authorize still checks the origin).
const proxy = route<Ctx>(
  async (req, ctx) => {
    const principal = req.headers.get(EXPLORE_HEADER) === "1" ? await authorize(req, "query:explore") : await authorize(req, "query:run");
    const limited = await rateLimitResponse(principal, req);
    if (limited) return limited;
    const { ds, path } = await ctx.params;
    const res = await handleProxyRequest(req, ds, path);
    const cache = res.headers.get("x-orrery-cache");
    if (cache) metrics().cacheRequests.inc({ result: cache });
    return res;
  },
  { pattern: "/api/ds/[ds]/api/v1/[...path]", requireJsonBody: false, onError: envelopeError },
);

export const GET = proxy;
export const POST = proxy;
export const PUT = proxy;
export const DELETE = proxy;
export const PATCH = proxy;
