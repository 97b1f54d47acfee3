import { handleProxyRequest } from "@/lib/promql/proxy/handle";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/ds/[ds]/api/v1/[...path]">;

async function proxy(req: Request, ctx: Ctx): Promise<Response> {
  const { ds, path } = await ctx.params;
  return handleProxyRequest(req, ds, path);
}

export const GET = proxy;
export const POST = proxy;
export const PUT = proxy;
export const DELETE = proxy;
export const PATCH = proxy;
