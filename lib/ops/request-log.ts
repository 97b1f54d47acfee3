import "server-only";
import { randomUUID } from "node:crypto";
import { log } from "./log";
import { metrics } from "./metrics";

export const REQUEST_ID_HEADER = "x-request-id";

// A client's id is kept only if it looks like one (no log injection, bounded size).
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the client's (or load balancer's) `x-request-id` when well-formed, else a new UUID. */
export function requestId(req: Request): string {
  const given = req.headers.get(REQUEST_ID_HEADER);
  return given && SAFE_ID.test(given) ? given : randomUUID();
}

/**
 * The route's pattern from its URL and Next's params (`/api/dashboards/abc/versions/3` with
 * `{uid: "abc", version: "3"}` → `/api/dashboards/[uid]/versions/[version]`), so metrics keep a
 * bounded label set. Catch-all params become `[...name]`.
 */
export function routePattern(pathname: string, params: Record<string, string | string[] | undefined> | undefined): string {
  if (!params) return pathname;
  const segments = pathname.split("/");
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = decodeSafe(segments[i]!);
    const single = Object.entries(params).find(([, v]) => typeof v === "string" && v === seg);
    const catchAll = Object.entries(params).find(([, v]) => Array.isArray(v) && v.length > 0 && v[0] === seg);
    if (catchAll && Array.isArray(catchAll[1])) {
      out.push(`[...${catchAll[0]}]`);
      i += catchAll[1].length - 1;
    } else out.push(single ? `[${single[0]}]` : segments[i]!);
  }
  return out.join("/");
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    // Immutable headers (a fetched Response): copy.
    const copy = new Response(res.body, res);
    copy.headers.set(name, value);
    return copy;
  }
}

/**
 * Runs an API handler with a request id (echoed in `x-request-id`), one JSON log line per request
 * (method, route pattern, path, status, duration) and the request-duration histogram.
 */
export async function observeRequest(req: Request, route: string, handler: (id: string) => Promise<Response>): Promise<Response> {
  const id = requestId(req);
  const started = performance.now();
  let status = 500;
  try {
    const res = await handler(id);
    status = res.status;
    return withHeader(res, REQUEST_ID_HEADER, id);
  } finally {
    const seconds = (performance.now() - started) / 1000;
    metrics().httpDuration.observe({ route, method: req.method, status: String(status) }, seconds);
    const line = { reqId: id, method: req.method, route, path: new URL(req.url).pathname, status, durationMs: Math.round(seconds * 10_000) / 10 };
    if (status >= 500) log.error(line, "request failed");
    else log.info(line, "request");
  }
}
