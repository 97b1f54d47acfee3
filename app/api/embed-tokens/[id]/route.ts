import { getAuthContext } from "@/lib/auth/context";
import { describePrincipal, principalRole } from "@/lib/auth/policy";
import { authorize } from "@/lib/auth/session";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/embed-tokens/[id]">;

/** Revokes an embed token at once (its owner or an admin); the next request with it gets 401. */
export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const principal = await authorize(req, "embed:mint");
  const { id } = await ctx.params;
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new ApiError(400, "bad_request", `${JSON.stringify(id)} is not an embed token id`);
  const store = getAuthContext().embedTokens;
  const record = (await store.list()).find((t) => t.jti === id);
  if (!record) throw new ApiError(404, "not_found", `no live embed token ${id}`);
  const me = describePrincipal(principal);
  if (record.createdBy !== me && principalRole(principal) !== "admin") {
    throw new ApiError(403, "forbidden", `embed token ${id} belongs to ${record.createdBy}; only its owner or an admin may revoke it`, undefined, { action: "embed:admin", requiredRole: "admin" });
  }
  await store.revoke(id, me);
  return Response.json({ id, revoked: true });
});
