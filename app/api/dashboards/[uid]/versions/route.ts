import { authorize } from "@/lib/auth/session";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import { parseUidParam } from "@/lib/dashboards/repository/requests";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/dashboards/[uid]/versions">;

/** The kept versions of a dashboard, newest first. */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "dashboards:read");
  const uid = parseUidParam((await ctx.params).uid);
  return Response.json({ versions: await getDashboardRepository().listVersions(uid) });
});
