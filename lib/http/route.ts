import { ZodError } from "zod";
import { formatZodError, zodIssues } from "@/lib/validation/issues";
import { log } from "@/lib/ops/log";
import { observeRequest, routePattern } from "@/lib/ops/request-log";
import { assertJsonContentType } from "./body";
import { ApiError } from "./errors";

/** The error body every API route answers with. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; [detail: string]: unknown };
}

const NO_STORE = { "cache-control": "no-store" };

/** Maps a thrown value to the JSON error response; unknown errors become a generic 500, logged. */
export function errorResponse(err: unknown, req?: Request): Response {
  if (err instanceof ApiError) {
    const { code: _code, message: _message, issues: _issues, ...details } = err.details ?? {};
    const body: ErrorBody = { error: { code: err.code, message: err.message, ...details } };
    if (err.issues) body.error.issues = err.issues;
    return Response.json(body, { status: err.status, headers: NO_STORE });
  }
  if (err instanceof ZodError) {
    const body: ErrorBody = {
      error: { code: "bad_request", message: `invalid request: ${formatZodError(err)}`, issues: zodIssues(err) },
    };
    return Response.json(body, { status: 400, headers: NO_STORE });
  }
  log.error({ err, method: req?.method, path: req ? new URL(req.url).pathname : undefined }, "unhandled error in an API route");
  const body: ErrorBody = { error: { code: "internal", message: "internal server error" } };
  return Response.json(body, { status: 500, headers: NO_STORE });
}

// A body on a mutation must be JSON even where the handler ignores it: blocks text/plain form posts.
function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  return (length !== null && length !== "0") || req.headers.has("transfer-encoding");
}

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RouteOptions {
  /** The route pattern for logs and metrics when it is fixed (skips deriving it from the URL and params). */
  pattern?: string;
  /** Whether mutations carrying a body must declare JSON (415 otherwise). Default true. */
  requireJsonBody?: boolean;
  /** Maps a thrown value to the response (default: errorResponse's `{ error: { code, message } }`). */
  onError?: (err: unknown, req: Request) => Response;
}

/**
 * Wraps a route handler: errors thrown inside become `{ error: { code, message, issues? } }` with
 * the right status (ApiError's, 400 for ZodError, 500 otherwise), and mutations carrying a body
 * must declare `Content-Type: application/json` (415). Responses default to `no-store`. Options
 * let a route with its own wire format (the PromQL proxy) keep the request id, log and duration.
 */
export function route<Ctx>(handler: (req: Request, ctx: Ctx) => Promise<Response> | Response, options: RouteOptions = {}) {
  const { pattern, requireJsonBody = true, onError = errorResponse } = options;
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    const name =
      pattern ??
      routePattern(new URL(req.url).pathname, (await (ctx as { params?: Promise<Record<string, string | string[]>> } | undefined)?.params) ?? undefined);
    // Request id, JSON log line and the duration histogram (lib/ops/request-log.ts).
    return observeRequest(req, name, async () => {
      try {
        if (requireJsonBody && MUTATIONS.has(req.method) && hasBody(req)) assertJsonContentType(req);
        const res = await handler(req, ctx);
        if (!res.headers.has("cache-control")) res.headers.set("cache-control", "no-store");
        return res;
      } catch (err) {
        return onError(err, req);
      }
    });
  };
}
