// Transparent batching of the PromQL proxy's queries (issue 7 B5): the calls made in the same tick
// (a dashboard starting its panels' queries) go as one POST /api/queries, whose answer streams each
// query's part as soon as it is ready (framing.ts). Each caller gets a Response of its own, the same
// status, headers that matter and body bytes as its single request would have had, so the callers
// (frames/client.ts, api.ts) decode it as before. A batch of one is the single request itself; Explore's
// queries always go alone.
import { readBatchAnswer } from "./answer";
import { earlyAnswers } from "./early";
import { MAX_BATCH_QUERIES, type BatchEndpoint, type BatchQuery } from "./schema";

/** What one proxy query is: the fields of its part in a batch. */
export interface ProxyQuery {
  datasource: string;
  endpoint: BatchEndpoint;
  /** The form its single POST carries. */
  params: Record<string, string>;
  explore?: boolean;
  /** Never batched (as Explore's): the caller wants its own request. */
  alone?: boolean;
}

/** The batching endpoint. */
export const BATCH_URL = "/api/queries";

interface Waiting {
  query: ProxyQuery;
  url: string;
  init: RequestInit;
  signal?: AbortSignal;
  resolve: (res: Response) => void;
  reject: (err: unknown) => void;
  settled: boolean;
  onAbort?: () => void;
  /** Called when this caller aborted while still waiting (its batch checks whether anyone still waits). */
  onLeave?: () => void;
}

let pending: Waiting[] = [];

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

function settle(w: Waiting, outcome: { res: Response } | { err: unknown }): void {
  if (w.settled) return;
  w.settled = true;
  if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
  if ("res" in outcome) w.resolve(outcome.res);
  else w.reject(outcome.err);
}

/**
 * Fetches one proxy query: `fetch(url, init)` (its single request, what the caller would have sent)
 * when it goes alone, else its part of the batch the other calls of this tick join. Rejects as
 * fetch does: the caller's AbortSignal's reason when aborted (at once, even while the batch goes on),
 * a TypeError when the server cannot be reached or the answer broke off before its part.
 */
export function fetchProxyQuery(query: ProxyQuery, url: string, init: RequestInit): Promise<Response> {
  if (query.explore || query.alone || typeof ReadableStream === "undefined") return single(url, init);
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  // Asked already by the page's HTML (a dashboard's first screen, lib/promql/batch/early.ts): its answer.
  const early = earlyAnswers()?.take(query);
  if (early) return signal ? untilAborted(early, signal) : early;
  return new Promise<Response>((resolve, reject) => {
    const w: Waiting = { query, url, init, signal, resolve, reject, settled: false };
    if (signal) {
      w.onAbort = () => {
        settle(w, { err: abortError(signal) });
        w.onLeave?.();
      };
      signal.addEventListener("abort", w.onAbort, { once: true });
    }
    pending.push(w);
    if (pending.length === 1) queueMicrotask(flush);
  });
}

/** `answer`, or the signal's abort reason as soon as it aborts (the answer is then dropped). */
function untilAborted(answer: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    answer.then(
      (res) => {
        signal.removeEventListener("abort", onAbort);
        resolve(res);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}

function single(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, cache: "no-store" });
}

function flush(): void {
  const taken = pending.filter((w) => !w.settled);
  pending = [];
  for (let i = 0; i < taken.length; i += MAX_BATCH_QUERIES) {
    const group = taken.slice(i, i + MAX_BATCH_QUERIES);
    if (group.length === 1) {
      const w = group[0]!;
      // Its own signal: the single request is aborted with it, as before batching.
      single(w.url, w.init).then(
        (res) => settle(w, { res }),
        (err) => settle(w, { err }),
      );
    } else void sendBatch(group);
  }
}

async function sendBatch(group: Waiting[]): Promise<void> {
  const controller = new AbortController();
  const byId = new Map<string, Waiting>();
  const queries: BatchQuery[] = group.map((w, i) => {
    const id = String(i);
    byId.set(id, w);
    // When the last caller still waiting aborts, the batch is aborted (the server lets go upstream). A
    // caller aborting after its answer came changes nothing.
    w.onLeave = () => {
      if (group.every((x) => x.settled)) controller.abort();
    };
    return { id, datasource: w.query.datasource, endpoint: w.query.endpoint, params: w.query.params };
  });
  try {
    const res = await fetch(BATCH_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ queries }),
      signal: controller.signal,
      cache: "no-store",
    });
    await readBatchAnswer(res, [...byId.keys()], (id, part) => {
      const w = byId.get(id);
      if (w) settle(w, { res: part });
    });
    for (const w of group) settle(w, { err: new TypeError("the query batch ended before this query's answer") });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    for (const w of group) settle(w, { err: w.signal?.aborted ? abortError(w.signal) : new TypeError(`the query batch failed: ${why}`) });
  }
}
