import { authorize } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { discoverTopology } from "@/lib/topology/discover";
import { topologySettings } from "@/lib/topology/settings";

export const dynamic = "force-dynamic";

/** GET /api/topology?ds=<id>: the discovered topology (default datasource when ds is absent). */
export const GET = route(async (req) => {
  await authorize(req, "topology:read");
  const { datasources, topology } = getConfig();
  const id = new URL(req.url).searchParams.get("ds");
  const ds = id ? datasources.find((d) => d.id === id) : (datasources.find((d) => d.default) ?? datasources[0]);
  if (!ds) throw new NotFoundError(id ? `unknown datasource "${id}"` : "no datasource is configured");
  return Response.json(await discoverTopology(ds, datasources, req.signal, topologySettings(topology)));
});
