import { authorize } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { route } from "@/lib/http/route";
import { knativeRevisionsResponseSchema } from "@/lib/knative/view/settings";

export const dynamic = "force-dynamic";

/** GET /api/knative/revisions: the configured per-revision Knative settings (no secrets). */
export const GET = route(async (req: Request) => {
  await authorize(req, "topology:read");
  const revisions = getConfig().knative?.revisions ?? [];
  return Response.json(knativeRevisionsResponseSchema.parse({ revisions }));
});
