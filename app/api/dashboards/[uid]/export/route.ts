import { authorize } from "@/lib/auth/session";
import { exportDashboardFile } from "@/lib/dashboards/import/http";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import { parseUidParam } from "@/lib/dashboards/repository/requests";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/dashboards/[uid]/export">;

/** Downloads a dashboard: `?format=grafana` (Grafana JSON, current schemaVersion) or `orrery` (the stored document). */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "dashboards:read");
  const uid = parseUidParam((await ctx.params).uid);
  const format = new URL(req.url).searchParams.get("format") ?? "grafana";
  const { dashboard } = await getDashboardRepository().get(uid);
  const file = exportDashboardFile(dashboard, format);
  return new Response(`${JSON.stringify(file.json, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": file.disposition },
  });
});
