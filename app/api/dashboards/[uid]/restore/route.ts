import { authorize } from "@/lib/auth/session";
import { describePrincipal } from "@/lib/auth/policy";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import { parseUidParam, restoreBodySchema } from "@/lib/dashboards/repository/requests";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/dashboards/[uid]/restore">;

/** Saves kept version `version` as a new version; with `fromVersion`, 409 unless that is still current. */
export const POST = route(async (req: Request, ctx: Ctx) => {
  const principal = await authorize(req, "dashboards:write");
  const uid = parseUidParam((await ctx.params).uid);
  const body = restoreBodySchema.parse(await readJsonBody(req));
  return Response.json(await getDashboardRepository().restore(uid, body.version, { user: describePrincipal(principal), fromVersion: body.fromVersion, message: body.message }));
});
