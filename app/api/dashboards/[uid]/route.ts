import { authorize } from "@/lib/auth/session";
import { describePrincipal } from "@/lib/auth/policy";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import { parseDashboardField, parseUidParam, updateBodySchema } from "@/lib/dashboards/repository/requests";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/dashboards/[uid]">;

/** One dashboard with its meta (version, who saved it, provisioned). */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "dashboards:read");
  const uid = parseUidParam((await ctx.params).uid);
  return Response.json(await getDashboardRepository().get(uid));
});

/** Saves a new version; `version` names the one edited, and a stale one gets 409 with the newer version's meta. */
export const PUT = route(async (req: Request, ctx: Ctx) => {
  const principal = await authorize(req, "dashboards:write");
  const uid = parseUidParam((await ctx.params).uid);
  const body = updateBodySchema.parse(await readJsonBody(req));
  const dashboard = parseDashboardField(body.dashboard);
  return Response.json(await getDashboardRepository().update(uid, dashboard, body.version, { user: describePrincipal(principal), message: body.message }));
});

/** Deletes a dashboard and its history (moved to the store's trash folder); provisioned ones are 403. */
export const DELETE = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "dashboards:write");
  const uid = parseUidParam((await ctx.params).uid);
  await getDashboardRepository().delete(uid);
  return Response.json({ uid, deleted: true });
});
