import { getAuthContext } from "@/lib/auth/context";
import { authorize } from "@/lib/auth/session";
import { createUser, createUserSchema, listUsers } from "@/lib/auth/user-admin";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/admin/users">;

/** Local users (config-file ones marked read-only); never a password hash. */
export const GET = route(async (req: Request, _ctx: Ctx) => {
  await authorize(req, "users:admin");
  const { settings } = getAuthContext();
  return Response.json({ users: await listUsers(settings.dir, settings.users) });
});

/** Creates a local user `{ username, role, password }` (scrypt-hashed); 409 when the name exists. */
export const POST = route(async (req: Request, _ctx: Ctx) => {
  await authorize(req, "users:admin");
  const body = createUserSchema.parse(await readJsonBody(req, 16 * 1024));
  const { settings } = getAuthContext();
  return Response.json({ user: await createUser(settings.dir, settings.users, body) }, { status: 201 });
});
