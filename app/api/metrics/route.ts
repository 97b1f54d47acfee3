import { timingSafeEqual } from "node:crypto";
import { authorize } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { route } from "@/lib/http/route";
import { metrics } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

function isScrapeToken(req: Request): boolean {
  const token = getConfig().metrics?.token;
  const header = req.headers.get("authorization");
  if (!token || !header?.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice(7));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

// Prometheus text format. A scraper sends `Authorization: Bearer <metrics.token>`; otherwise admins only.
export const GET = route(async (req: Request) => {
  if (!isScrapeToken(req)) await authorize(req, "metrics:read");
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
