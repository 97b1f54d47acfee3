import { PartReader } from "./framing";
import { BATCH_MEDIA_TYPE } from "./schema";

/**
 * Reads the answer of POST /api/queries: each query's part, as soon as it has arrived, goes to
 * `deliver` as a Response of its own (its status, the headers that matter and its body bytes, as its
 * single request would have answered). A refused batch (signed out, bad request: not the batch media
 * type) gives every one of `ids` that refusal, as each single request would have been refused.
 * Resolves once the answer has ended (ids without a part are the caller's to fail); rejects when it
 * breaks off.
 */
export async function readBatchAnswer(res: Response, ids: readonly string[], deliver: (id: string, res: Response) => void): Promise<void> {
  const type = (res.headers.get("content-type") ?? "").toLowerCase();
  if (!res.ok || !type.startsWith(BATCH_MEDIA_TYPE) || !res.body) {
    const bytes = await res.arrayBuffer();
    for (const id of ids) deliver(id, new Response(bytes.slice(0), { status: res.status, headers: { "content-type": type || "application/json" } }));
    return;
  }
  // Read to the end (the server closes right after the last part), so the request completes rather
  // than shows as cancelled.
  keepWholeBody(res);
  const reader = res.body.getReader();
  const parts = new PartReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const part of parts.push(value)) deliver(part.header.id, new Response(part.body as BodyInit, { status: part.header.status, headers: part.header.headers }));
  }
  parts.end();
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
