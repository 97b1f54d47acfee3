import "server-only";
import { authorize } from "@/lib/auth/session";
import { prometheusGetUrl, prometheusJsonOf, prometheusJsonSource } from "@/lib/promql/api";
import type { EarlyVariableAnswer } from "@/lib/promql/batch/early";
import type { BatchQuery } from "@/lib/promql/batch/schema";
import { runProxyRequest } from "@/lib/promql/proxy/route-helpers";
import { planEarlyQueries, type EarlyQueriesInput } from "./early-queries";
import type { VariableFetcher } from "./variables/resolve";

/** How long the server waits for a plan whose variables need the upstream before it gives up on it (the page then asks for itself). */
export const EARLY_VARIABLES_WAIT_MS = 1_500;

/**
 * How long, after giving up on a plan, its variable requests still in flight are kept going: the page,
 * which waited for the plan, now asks the same requests, and the query layer lets each join the
 * server's identical one (one upstream request, answered no later than the server's) instead of
 * starting over behind a slow upstream. Then they are let go (the upstream request ends with its last waiter).
 */
export const EARLY_VARIABLES_HANDOVER_MS = 5_000;

/** What a dashboard page's early script carries: the panel queries it sends, the variable answers it holds. */
export interface EarlyScriptPlan {
  queries: BatchQuery[];
  variables: EarlyVariableAnswer[];
}

/** Most bytes of variable answers an early script carries (each answer's body text); the page fetches the rest itself. */
export const MAX_EARLY_VARIABLE_BYTES = 64 * 1024;

// The page request's headers each variable request carries (credentials, the client's address for the
// rate limit of anonymous visitors), minus what described the page request's own body or wanted HTML.
function requestHeadersFor(pageHeaders: Headers): Headers {
  const headers = new Headers(pageHeaders);
  for (const name of ["content-type", "content-length", "transfer-encoding", "content-encoding", "accept"]) headers.delete(name);
  return headers;
}

/**
 * The page's own variable requests, run in process for the visitor whose page request carried
 * `pageHeaders`, exactly as the browser's would run: the request fetchPrometheusJson sends
 * (GET /api/ds/<id><path>?<params>, no Explore header), the proxy route's authorization
 * (`authorize(req, "query:run")`: the visitor's session, role and permissions), its per-user rate
 * limit and query layer (`runProxyRequest`), and the client's reading of the answer
 * (`prometheusJsonOf`). Each answer is kept (`answers`) for the page's HTML to carry, so the page's
 * identical requests take it instead of asking again. A denied, limited or failed request throws as
 * fetchPrometheusJson would: the variable then has an error, and the plan is skipped.
 */
export function visitorVariableFetcher(pageHeaders: Headers): { fetcher: VariableFetcher; answers: EarlyVariableAnswer[] } {
  const headers = requestHeadersFor(pageHeaders);
  const answers: EarlyVariableAnswer[] = [];
  const fetcher: VariableFetcher = async (datasource, path, params, signal) => {
    const req = new Request(new URL(prometheusGetUrl(datasource, path, params), "http://orrery.invalid"), { method: "GET", headers, signal });
    const principal = await authorize(req, "query:run");
    const segments = path.replace(/^\/api\/v1\//, "").split("/");
    const res = await runProxyRequest(principal, req, datasource, segments);
    const text = await res.text();
    const json = prometheusJsonOf(res.status, text, prometheusJsonSource(datasource, path));
    answers.push({ datasource, path, params, status: res.status, text });
    return json;
  };
  return { fetcher, answers };
}

/** The answers that fit in MAX_EARLY_VARIABLE_BYTES, in the order they came. */
export function answersToCarry(answers: readonly EarlyVariableAnswer[]): EarlyVariableAnswer[] {
  const carried: EarlyVariableAnswer[] = [];
  let bytes = 0;
  for (const a of answers) {
    bytes += a.text.length;
    if (bytes > MAX_EARLY_VARIABLE_BYTES) break;
    carried.push(a);
  }
  return carried;
}

/**
 * planEarlyQueries for a dashboard whose variables need the upstream: their requests run for the
 * visitor (visitorVariableFetcher: the proxy route's authorization, rate limit and query layer), and
 * their answers come with the plan for the page to take. Never rejects: null when the plan is skipped
 * or a request is denied or fails. Past `waitMs` it stops waiting: the answers already in (a plan
 * without queries) or null, while the requests still in flight keep going for `handoverMs` so the
 * page's identical requests join them (the query layer's coalescing) rather than ask a slow upstream again.
 */
export async function planEarlyQueriesForVisitor(
  input: Omit<EarlyQueriesInput, "fetcher" | "signal">,
  pageHeaders: Headers,
  waitMs = EARLY_VARIABLES_WAIT_MS,
  handoverMs = EARLY_VARIABLES_HANDOVER_MS,
): Promise<EarlyScriptPlan | null> {
  const { fetcher, answers } = visitorVariableFetcher(pageHeaders);
  const bound = new AbortController();
  const letGo = setTimeout(() => bound.abort(new DOMException("the early plan's requests were handed over", "TimeoutError")), waitMs + handoverMs);
  const planned = planEarlyQueries({ ...input, fetcher, signal: bound.signal })
    .then(
      (plan) => ("queries" in plan ? { queries: plan.queries, variables: answersToCarry(answers) } : null),
      () => null,
    )
    .finally(() => clearTimeout(letGo));
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The answers in by then: the page takes those and asks the rest (which are still in flight here).
  const timedOut = new Promise<EarlyScriptPlan | null>((resolve) => {
    timer = setTimeout(() => resolve(answers.length ? { queries: [], variables: answersToCarry(answers) } : null), waitMs);
  });
  try {
    return await Promise.race([planned, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
