import { authorize } from "@/lib/auth/session";
import { parsePanelIdParam, parsePanelQueryParams } from "@/lib/embed/panel-request";
import { resolveSoloPanel } from "@/lib/embed/resolve-panel";
import { parseUidParam } from "@/lib/dashboards/repository/requests";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/d-solo/[uid]/panels/[panelId]/query">;

/**
 * One panel's data, its stored queries resolved and run on the server: for the solo page and
 * iframes. A session (or API token) with `panel:embed`, or an embed token for this dashboard and
 * panel in `x-orrery-embed-token` (variables and range held to its limits). Never takes PromQL.
 */
export const GET = route(async (req: Request, ctx: Ctx) => {
  const { uid: rawUid, panelId: rawPanel } = await ctx.params;
  const uid = parseUidParam(rawUid);
  const panelId = parsePanelIdParam(rawPanel);
  const principal = await authorize(req, "panel:embed", { embed: { uid, panelId } });
  const params = parsePanelQueryParams(new URL(req.url).searchParams);
  const body = await resolveSoloPanel({ uid, panelId, params, principal, nowMs: Date.now(), signal: req.signal });
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});
