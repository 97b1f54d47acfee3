import { authorize } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { EXPLORE_HEADER } from "@/lib/promql/api";
import { proxyErrorResponse, runProxyRequest } from "@/lib/promql/proxy/route-helpers";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/ds/[ds]/api/v1/[...path]">;

// Explore and dashboards both send PromQL through here. Explore's requests carry `x-orrery-explore: 1` and
// need `query:explore`; others need `query:run`. The browser cannot prove which page asked, so with
// `viewersCanExplore: false` a viewer can still send PromQL without the header (docs/auth.md, known gap).
// One route label for the proxy (paths are client-chosen); upstream metrics carry the endpoint.
// Form-encoded POSTs are Prometheus's own API, so no JSON body rule (authorize still checks the origin).
// Errors in Prometheus's own envelope, like every other answer of the proxy.
const proxy = route<Ctx>(
  async (req, ctx) => {
    const principal = req.headers.get(EXPLORE_HEADER) === "1" ? await authorize(req, "query:explore") : await authorize(req, "query:run");
    const { ds, path } = await ctx.params;
    return runProxyRequest(principal, req, ds, path);
  },
  { pattern: "/api/ds/[ds]/api/v1/[...path]", requireJsonBody: false, onError: proxyErrorResponse },
);

export const GET = proxy;
export const POST = proxy;
export const PUT = proxy;
export const DELETE = proxy;
export const PATCH = proxy;
