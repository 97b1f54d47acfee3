import "server-only";
import type { Principal } from "@/lib/auth/policy";
import { authorize } from "@/lib/auth/session";
import { BadRequestError } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/body";
import { formatZodError, zodIssues } from "@/lib/validation/issues";
import { INTERNAL_ERROR_ENVELOPE, proxyErrorResponse, runProxyRequest } from "@/lib/promql/proxy/route-helpers";
import { encodePart } from "./framing";
import { BATCH_MEDIA_TYPE, batchRequestSchema, MAX_BATCH_BODY_BYTES, type BatchQuery, type BatchRequest } from "./schema";

/** Reads and checks the body of POST /api/queries: 400 naming the failing field otherwise. */
export async function readBatchRequest(req: Request): Promise<BatchRequest> {
  const parsed = batchRequestSchema.safeParse(await readJsonBody(req, MAX_BATCH_BODY_BYTES));
  if (!parsed.success) throw new BadRequestError(`invalid query batch: ${formatZodError(parsed.error)}`, zodIssues(parsed.error));
  return parsed.data;
}

// Headers of a single answer a client reads (the rest, e.g. cache-control, belong to the batch's own response).
const PART_HEADERS = /^(content-type|server-timing|retry-after|allow|x-orrery-.*)$/;

// The batch's request headers each query's own Request carries (credentials, the client address for
// the rate limit key of anonymous visitors); the body is the query's form, as its single POST sends it.
function queryHeaders(req: Request): Headers {
  const headers = new Headers(req.headers);
  for (const name of ["content-type", "content-length", "transfer-encoding", "accept", "content-encoding"]) headers.delete(name);
  headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
  return headers;
}

/**
 * One query of a batch, exactly as its single request `POST /api/ds/<datasource>/api/v1/<endpoint>`
 * would run: query:explore for Explore's queries (the batch itself needed query:run), the per-user
 * rate limit counting it, handleProxyRequest. Never throws: failures are the query's own answer.
 */
async function answerQuery(req: Request, principal: Principal, q: BatchQuery, headers: Headers, signal: AbortSignal): Promise<Response> {
  const url = new URL(`/api/ds/${encodeURIComponent(q.datasource)}/api/v1/${q.endpoint}`, req.url);
  const single = new Request(url, { method: "POST", headers, body: new URLSearchParams(q.params), signal });
  try {
    const who = q.explore ? await authorize(req, "query:explore") : principal;
    return await runProxyRequest(who, single, q.datasource, [q.endpoint]);
  } catch (err) {
    return proxyErrorResponse(err, single);
  }
}

/**
 * The answer of POST /api/queries: every query started at once, each one's answer written as a part
 * (lib/promql/batch/framing.ts) as soon as it is ready, in completion order. When the client goes
 * away (the request's signal, or the stream cancelled), every query's own signal aborts: the query
 * layer then lets go of upstream requests no other waiter needs, as for single requests.
 */
export function batchResponse(req: Request, principal: Principal, batch: BatchRequest): Response {
  const gone = new AbortController();
  const signal = AbortSignal.any([req.signal, gone.signal]);
  const headers = queryHeaders(req);
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let left = batch.queries.length;
      for (const q of batch.queries) {
        void answerQuery(req, principal, q, headers, signal)
          .then(async (res) => {
            const body = new Uint8Array(await res.arrayBuffer());
            const partHeaders: Record<string, string> = {};
            res.headers.forEach((value, name) => {
              if (PART_HEADERS.test(name)) partHeaders[name] = value;
            });
            return encodePart({ id: q.id, status: res.status, headers: partHeaders }, body);
          })
          .catch(() => {
            // Reading the body failed: only when the client left (aborted upstream read), or a bug. Not
            // proxyErrorResponse: that logs an unhandled error, wrong for a client that left.
            const body = new TextEncoder().encode(JSON.stringify(INTERNAL_ERROR_ENVELOPE));
            return encodePart({ id: q.id, status: 500, headers: { "content-type": "application/json" } }, body);
          })
          .then((part) => {
            if (closed) return;
            controller.enqueue(part);
            if (--left === 0) {
              closed = true;
              controller.close();
            }
          });
      }
    },
    cancel() {
      closed = true;
      gone.abort();
    },
  });
  return new Response(stream, {
    status: 200,
    // Not a type Next gzips (binary frames deflate themselves), and no-transform: nothing on the way may hold
    // the stream back to compress it; each part leaves as soon as it is written.
    headers: { "content-type": BATCH_MEDIA_TYPE, "cache-control": "no-store, no-transform", "x-content-type-options": "nosniff" },
  });
}
