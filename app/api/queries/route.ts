import { authorize } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { batchResponse, readBatchRequest } from "@/lib/promql/batch/server";

export const dynamic = "force-dynamic";

// Several PromQL proxy queries in one request (a dashboard refresh): lib/promql/batch. The batch needs
// query:run; each Explore query in it needs query:explore too, and each counts against the rate limit.
export const POST = route(
  async (req) => {
    const principal = await authorize(req, "query:run");
    return batchResponse(req, principal, await readBatchRequest(req));
  },
  { pattern: "/api/queries" },
);
