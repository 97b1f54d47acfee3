import { authorize } from "@/lib/auth/session";
import { getConfig, toPublicDatasource } from "@/lib/config";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Lists the configured datasources without URLs, credentials or headers. */
export const GET = route(async (req: Request) => {
  await authorize(req, "datasources:read");
  return Response.json({ datasources: getConfig().datasources.map(toPublicDatasource) });
});
