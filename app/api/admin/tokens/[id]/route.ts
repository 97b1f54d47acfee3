import { getAuthContext } from "@/lib/auth/context";
import { authorize } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/admin/tokens/[id]">;

/** Revokes (deletes) an API token: requests carrying it get 401 from the next one on. */
export const DELETE = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "tokens:admin");
  const { id } = await ctx.params;
  if (!/^[0-9a-f]{16}$/.test(id) || !(await getAuthContext().apiTokens.revoke(id))) throw new NotFoundError("no API token with this id");
  return Response.json({ id, revoked: true });
});
