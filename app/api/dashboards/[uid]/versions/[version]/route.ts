import { authorize } from "@/lib/auth/session";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import { parseUidParam, parseVersionParam } from "@/lib/dashboards/repository/requests";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/dashboards/[uid]/versions/[version]">;

/** One kept version of a dashboard, as `{ dashboard, meta }`. */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "dashboards:read");
  const params = await ctx.params;
  const uid = parseUidParam(params.uid);
  return Response.json(await getDashboardRepository().getVersion(uid, parseVersionParam(params.version)));
});
