import { z } from "zod";
import { describePrincipal } from "@/lib/auth/policy";
import { authorize } from "@/lib/auth/session";
import { BadRequestError } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { checkShortLinkPath } from "@/lib/share/short-link-path";
import { getShortLinkStore } from "@/lib/share/short-links";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/short-links">;

const bodySchema = z.strictObject({ path: z.string() });

/** Stores a dashboard link (`{ path: "/d/<uid>/<slug>?..." }`) and answers `{ id, url: "/s/<id>", path }`. */
export const POST = route(async (req: Request, _ctx: Ctx) => {
  const principal = await authorize(req, "links:create");
  const body = bodySchema.parse(await readJsonBody(req, 64 * 1024));
  const checked = checkShortLinkPath(body.path);
  if (!checked.ok) throw new BadRequestError(`invalid short link: ${checked.error}`, [{ path: "path", message: checked.error }]);
  const link = await getShortLinkStore().create({ path: checked.path, createdBy: describePrincipal(principal) });
  return Response.json({ id: link.id, url: `/s/${link.id}`, path: link.path }, { status: 201 });
});
