import { datasourceBaseUrl, EXPLORE_HEADER, upstreamMsFrom, type QueryRequestOptions } from "@/lib/promql/api";
import { fetchProxyQuery } from "@/lib/promql/batch/client";
import { PromQLError, type RangeQueryParams } from "@/lib/promql/types";
import { rangeFramesForm, type FramesWireChoice } from "@/lib/promql/batch/forms";
import { BINARY_MEDIA_TYPE } from "./binary-format";
import type { PixelGrid } from "@/lib/charts/pixel-grid";
import { readBinaryFramesAnswerAsync, readFramesAnswer, type DecodeReply, type DecodeRequest, type RangeAnswer } from "./read";

/** Answers larger than this (JSON characters, or binary bytes) are decoded in a worker, smaller ones at once. */
export const WORKER_DECODE_MIN_CHARS = 200 * 1024;
export const WORKER_DECODE_MIN_BYTES = 128 * 1024;

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, (reply: DecodeReply) => void>();

function decodeWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL("./decode.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<DecodeReply>) => {
      waiting.get(e.data.id)?.(e.data);
      waiting.delete(e.data.id);
    };
    worker.onerror = () => {
      // A broken worker fails what it holds; later answers are decoded on the main thread.
      for (const [id, done] of waiting) done({ id, error: { status: 0, errorType: "bad_response", message: "the frames decoding worker failed" } });
      waiting.clear();
      worker = null;
    };
  } catch {
    worker = null;
  }
  return worker;
}

type Job = { status: number; source: string } & ({ text: string } | { bytes: ArrayBuffer });

function decodeOffThread(w: Worker, job: Job): Promise<RangeAnswer> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, (reply) => {
      if ("ok" in reply) resolve(reply.ok);
      else reject(new PromQLError(reply.error.status, reply.error.errorType, reply.error.message));
    });
    const message: DecodeRequest = { id, ...job };
    w.postMessage(message, "bytes" in job ? [job.bytes] : []);
  });
}


/** localStorage key: "json" makes this browser's panels ask for JSON frames (debugging, e2e comparison). */
export const FRAMES_WIRE_STORAGE_KEY = "orrery.framesWire";

function defaultWire(): FramesWireChoice {
  try {
    return typeof localStorage !== "undefined" && localStorage.getItem(FRAMES_WIRE_STORAGE_KEY) === "json" ? "json" : "binary";
  } catch {
    return "binary";
  }
}

/**
 * POST /api/ds/<id>/api/v1/query_range asking for frames (binary by default); with `m4` the server
 * reduces each series with M4: a number is a pixel width over [start, end], a grid is the chart's
 * own device-pixel columns (its time edges sent too, so the server's buckets are the chart's). Large
 * answers are decoded in a Web Worker. Errors and answers the proxy could not encode as a frame come
 * as JSON either way.
 */
export async function fetchRangeFrames(params: RangeQueryParams, m4: number | PixelGrid | undefined, signal?: AbortSignal, wire: FramesWireChoice = defaultWire(), opts: QueryRequestOptions = {}): Promise<RangeAnswer> {
  const source = `datasource "${params.datasource}" (query_range)`;
  const form = rangeFramesForm(params, m4, wire);
  let res: Response;
  let bytes: ArrayBuffer;
  const started = performance.now();
  try {
    // Alone, or in the batch of this tick's queries (lib/promql/batch/client.ts): the same answer either
    // way. JSON frames (the debugging switch) always go alone: readable in devtools, gzipped by Next.
    res = await fetchProxyQuery(
      { datasource: params.datasource, endpoint: "query_range", params: Object.fromEntries(form), explore: opts.explore, alone: wire === "json" },
      `${datasourceBaseUrl(params.datasource)}/api/v1/query_range`,
      { method: "POST", body: form, signal, ...(opts.explore ? { headers: { [EXPLORE_HEADER]: "1" } } : {}) },
    );
    bytes = await res.arrayBuffer();
  } catch (err) {
    // Cancellation is React Query's business: let it see the AbortError unchanged.
    if (signal?.aborted || (err instanceof DOMException && err.name === "AbortError")) throw err;
    throw new PromQLError(0, "network", `Cannot reach the Orrery server for ${source}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const timing = { totalMs: performance.now() - started, upstreamMs: upstreamMsFrom(res.headers.get("server-timing")), bytes: bytes.byteLength };
  const binary = res.status === 200 && (res.headers.get("content-type") ?? "").toLowerCase().startsWith(BINARY_MEDIA_TYPE);
  const w = typeof Worker !== "undefined" && bytes.byteLength > (binary ? WORKER_DECODE_MIN_BYTES : WORKER_DECODE_MIN_CHARS) ? decodeWorker() : null;
  let answer: RangeAnswer;
  if (binary) answer = w ? await decodeOffThread(w, { status: res.status, source, bytes }) : await readBinaryFramesAnswerAsync(res.status, bytes, source);
  else {
    const text = new TextDecoder().decode(bytes);
    answer = w ? await decodeOffThread(w, { status: res.status, source, text }) : readFramesAnswer(res.status, text, source);
  }
  return { ...answer, timing };
}


