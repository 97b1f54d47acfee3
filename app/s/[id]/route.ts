import { authorize } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { checkShortLinkPath } from "@/lib/share/short-link-path";
import { getShortLinkStore } from "@/lib/share/short-links";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/s/[id]">;

// A fixed page (no user text): browsers following a dead link get something readable, scripts get JSON.
const NOT_FOUND_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Link not found · Orrery</title></head>' +
  '<body style="font-family:system-ui,sans-serif;padding:2rem"><h1>Link not found</h1>' +
  '<p>This short link does not exist. Short links never expire, so it was mistyped or never created.</p>' +
  '<p><a href="/dashboards">Dashboards</a></p></body></html>';

/** Follows a short link: 302 to the stored dashboard path (the dashboard's own permission applies there). */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, "dashboards:read");
  const { id } = await ctx.params;
  const link = await getShortLinkStore().get(id);
  // The stored path is checked again: a hand-edited or migrated store must not become an open redirect.
  const checked = link ? checkShortLinkPath(link.path) : null;
  if (!checked?.ok) {
    if ((req.headers.get("accept") ?? "").includes("text/html")) {
      return new Response(NOT_FOUND_HTML, { status: 404, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    }
    throw new NotFoundError("no short link with this id");
  }
  return new Response(null, { status: 302, headers: { location: checked.path, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
});
