import { readiness } from "@/lib/ops/health";
import { observeRequest } from "@/lib/ops/request-log";

export const dynamic = "force-dynamic";

// Readiness for kubelet probes (unauthenticated by design, so no authorize()): store, Redis and
// per-datasource reachability by id only, never URLs or error texts. 503 when not ready.
export async function GET(req: Request): Promise<Response> {
  return observeRequest(req, "/api/ready", async () => {
    const r = await readiness();
    return Response.json(r, { status: r.status === "not_ready" ? 503 : 200, headers: { "cache-control": "no-store" } });
  });
}
