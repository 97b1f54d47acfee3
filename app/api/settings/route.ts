import { authorize } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { publicSettings } from "@/lib/dashboards/settings";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** GET /api/settings: what the browser needs from the configuration (the minimum dashboard refresh interval). */
export const GET = route(async (req: Request) => {
  await authorize(req, "dashboards:read");
  return Response.json(publicSettings(getConfig()));
});
