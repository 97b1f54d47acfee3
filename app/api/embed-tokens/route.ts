import { getAuthContext } from "@/lib/auth/context";
import { describePrincipal, principalRole } from "@/lib/auth/policy";
import { authorize } from "@/lib/auth/session";
import { mintBodySchema, mintForDashboard } from "@/lib/embed/mint";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

function publicBaseUrl(req: Request): string {
  return getAuthContext().settings.url ?? new URL(req.url).origin;
}

/** Mints an embed token for panels of a saved dashboard (its current version is pinned); the token is shown only here. */
export const POST = route(async (req: Request) => {
  const principal = await authorize(req, "embed:mint");
  const body = mintBodySchema.parse(await readJsonBody(req));
  const minted = await mintForDashboard(body, { ctx: getAuthContext(), createdBy: describePrincipal(principal), baseUrl: publicBaseUrl(req) });
  const { record, ...out } = minted;
  return Response.json({ ...out, uid: record.uid, panels: record.panels, version: record.ver }, { status: 201 });
});

/** Live (unexpired) embed tokens, never the tokens themselves: editors see their own, admins every one; `?uid=` narrows. */
export const GET = route(async (req: Request) => {
  const principal = await authorize(req, "embed:mint");
  const uid = new URL(req.url).searchParams.get("uid") ?? undefined;
  const me = describePrincipal(principal);
  const all = principalRole(principal) === "admin";
  const tokens = (await getAuthContext().embedTokens.list(uid ? { uid } : {})).filter((t) => all || t.createdBy === me);
  return Response.json({
    tokens: tokens.map((t) => ({
      id: t.jti,
      uid: t.uid,
      panels: t.panels,
      version: t.ver,
      createdBy: t.createdBy,
      createdAt: new Date(t.createdAtMs).toISOString(),
      expiresAt: new Date(t.expiresAtMs).toISOString(),
      revokedAt: t.revokedAtMs === undefined ? null : new Date(t.revokedAtMs).toISOString(),
      revokedBy: t.revokedBy ?? null,
    })),
  });
});
