import { health } from "@/lib/ops/health";
import { observeRequest } from "@/lib/ops/request-log";

export const dynamic = "force-dynamic";

// Liveness for kubelet probes and load balancers, so no authorize(): it answers without credentials
// and says only ok/degraded/off (no URLs, ids, versions or secrets). 200 while the process runs.
export async function GET(req: Request): Promise<Response> {
  return observeRequest(req, "/api/health", async () => Response.json(await health(), { headers: { "cache-control": "no-store" } }));
}
