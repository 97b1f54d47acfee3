// Transparent batching of the PromQL proxy's queries (issue 7 B5): the calls made in the same tick
// (a dashboard starting its panels' queries) go as one POST /api/queries, whose answer streams each
// query's part as soon as it is ready (framing.ts). Each caller gets a Response of its own, the same
// status, headers that matter and body bytes as its single request would have had, so the callers
// (frames/client.ts, api.ts) decode it as before. A batch of one is the single request itself; Explore's
// queries always go alone.
import { PartReader } from "./framing";
import { BATCH_MEDIA_TYPE, MAX_BATCH_QUERIES, type BatchEndpoint, type BatchQuery } from "./schema";

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

/**
 * Also reads a copy of the batch's body whole (and drops it). Chromium reports a response whose
 * body the page drains through a stream reader while it is still arriving as failed
 * (net::ERR_ABORTED, "(canceled)" in DevTools) and keeps no body for DevTools, although every byte
 * arrived and nothing was aborted: then a batch whose last part came late looked aborted, and its
 * answers could not be inspected (issue 7; e2e read them through CDP). A tee'd branch read with
 * arrayBuffer() makes it complete as any response. Its cost: the body's bytes copied once more,
 * held until the batch ends.
 */
function keepWholeBody(res: Response): void {
  res
    .clone()
    .arrayBuffer()
    .catch(() => undefined); // the batch's own read reports failures
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
    const type = (res.headers.get("content-type") ?? "").toLowerCase();
    if (!res.ok || !type.startsWith(BATCH_MEDIA_TYPE) || !res.body) {
      // The batch itself was refused (signed out, bad request): every query gets that answer, as its
      // single request would have been refused (api.ts reads `{ error }` bodies too).
      const bytes = await res.arrayBuffer();
      for (const w of group) settle(w, { res: new Response(bytes.slice(0), { status: res.status, headers: { "content-type": type || "application/json" } }) });
      return;
    }
    // Read to the end (the server closes right after the last part), so the request completes rather
    // than shows as cancelled; only every caller leaving aborts it.
    keepWholeBody(res);
    const reader = res.body.getReader();
    const parts = new PartReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const part of parts.push(value)) {
        const w = byId.get(part.header.id);
        if (w) settle(w, { res: new Response(part.body as BodyInit, { status: part.header.status, headers: part.header.headers }) });
      }
    }
    parts.end();
    for (const w of group) settle(w, { err: new TypeError("the query batch ended before this query's answer") });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    for (const w of group) settle(w, { err: w.signal?.aborted ? abortError(w.signal) : new TypeError(`the query batch failed: ${why}`) });
  }
}
