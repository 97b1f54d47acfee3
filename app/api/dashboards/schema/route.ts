import { z } from "zod";
import { authorize } from "@/lib/auth/session";
import { dashboardSchema } from "@/lib/dashboards/schema";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/dashboards/schema">;

let cached: unknown;

/**
 * The dashboard JSON model as JSON Schema (draft 2020-12), for editors and import tools. The input
 * side: fields with defaults are optional. Refinements (unique panel ids, x + w <= 24) are not
 * expressible there, so the API's 400 remains the final word.
 */
export const GET = route(async (req: Request, _ctx: Ctx) => {
  await authorize(req, "dashboards:read");
  cached ??= { ...z.toJSONSchema(dashboardSchema, { io: "input" }), title: "Orrery dashboard" };
  return Response.json(cached, { headers: { "cache-control": "private, max-age=300" } });
});
