import { getConfig, toPublicDatasource } from "@/lib/config";

export const dynamic = "force-dynamic";

/** Lists the configured datasources without URLs, credentials or headers. */
export function GET(): Response {
  return Response.json({ datasources: getConfig().datasources.map(toPublicDatasource) });
}
