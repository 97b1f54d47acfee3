import { getAuthContext } from "@/lib/auth/context";
import { createApiTokenSchema } from "@/lib/auth/api-tokens";
import { describePrincipal } from "@/lib/auth/policy";
import { authorize } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/admin/tokens">;

/** API tokens: name, role, creator, created and last-used times; never the token or its hash. */
export const GET = route(async (req: Request, _ctx: Ctx) => {
  await authorize(req, "tokens:admin");
  return Response.json({ tokens: await getAuthContext().apiTokens.list() });
});

/** Creates a token `{ name, role }`; the answer's `token` is shown once and cannot be recovered. */
export const POST = route(async (req: Request, _ctx: Ctx) => {
  const principal = await authorize(req, "tokens:admin");
  const body = createApiTokenSchema.parse(await readJsonBody(req, 16 * 1024));
  const { token, info } = await getAuthContext().apiTokens.create({ ...body, createdBy: describePrincipal(principal) });
  return Response.json({ token, info }, { status: 201 });
});
