import { getAuthContext } from "@/lib/auth/context";
import { localUserSchema } from "@/lib/auth/config-schema";
import { authorize } from "@/lib/auth/session";
import { deleteUser, updateUser, updateUserSchema } from "@/lib/auth/user-admin";
import { readJsonBody } from "@/lib/http/body";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/admin/users/[username]">;

async function usernameOf(ctx: Ctx): Promise<string> {
  const { username } = await ctx.params;
  if (!localUserSchema.shape.username.safeParse(username).success) throw new NotFoundError("no user with this name");
  return username;
}

/** Changes a stored user's `role` and/or `password`; 409 for config-file users and for demoting the last admin. */
export const PATCH = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "users:admin");
  const username = await usernameOf(ctx);
  const body = updateUserSchema.parse(await readJsonBody(req, 16 * 1024));
  const { settings } = getAuthContext();
  return Response.json({ user: await updateUser(settings.dir, settings.users, username, body) });
});

/** Deletes a stored user; 409 for config-file users and for the last admin. */
export const DELETE = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "users:admin");
  const username = await usernameOf(ctx);
  const { settings } = getAuthContext();
  await deleteUser(settings.dir, settings.users, username);
  return Response.json({ username, deleted: true });
});
