import { authorize } from "@/lib/auth/session";
import { describePrincipal } from "@/lib/auth/policy";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import { createBodySchema, parseDashboardField, parseListQuery } from "@/lib/dashboards/repository/requests";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/dashboards">;

/** Lists dashboards: `?query=` searches titles, each `?tag=` is required. */
export const GET = route(async (req: Request, _ctx: Ctx) => {
  await authorize(req, "dashboards:read");
  const { query, tags } = parseListQuery(new URL(req.url));
  return Response.json({ dashboards: await getDashboardRepository().list({ query, tags }) });
});

/** Creates a dashboard (version 1); 409 when its uid is taken. A "save as copy" is this with a new uid. */
export const POST = route(async (req: Request, _ctx: Ctx) => {
  const principal = await authorize(req, "dashboards:write");
  const body = createBodySchema.parse(await readJsonBody(req));
  const dashboard = parseDashboardField(body.dashboard);
  const saved = await getDashboardRepository().create(dashboard, { user: describePrincipal(principal), message: body.message });
  return Response.json(saved, { status: 201, headers: { location: `/api/dashboards/${saved.dashboard.uid}` } });
});
