import { datasourceBaseUrl, send } from "@/lib/promql/api";
import { PromQLError, type RangeQueryParams } from "@/lib/promql/types";
import { FRAMES_FORMAT_PARAM, FRAMES_WIDTH_PARAM } from "./schema";
import { readFramesAnswer, type DecodeReply, type RangeAnswer } from "./read";

/** Answers larger than this (characters) are decoded in a worker, smaller ones at once. */
export const WORKER_DECODE_MIN_CHARS = 200 * 1024;

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

function decodeOffThread(w: Worker, status: number, text: string, source: string): Promise<RangeAnswer> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, (reply) => {
      if ("ok" in reply) resolve(reply.ok);
      else reject(new PromQLError(reply.error.status, reply.error.errorType, reply.error.message));
    });
    w.postMessage({ id, status, text, source });
  });
}

/**
 * POST /api/ds/<id>/api/v1/query_range asking for frames; with `widthPx` the server reduces each
 * series with M4 for that many pixel columns. Large answers are decoded in a Web Worker.
 */
export async function fetchRangeFrames(params: RangeQueryParams, widthPx: number | undefined, signal?: AbortSignal): Promise<RangeAnswer> {
  const source = `datasource "${params.datasource}" (query_range)`;
  const form = new URLSearchParams({ query: params.expr, start: String(params.startS), end: String(params.endS), step: String(params.stepS), [FRAMES_FORMAT_PARAM]: "frames" });
  if (widthPx !== undefined && widthPx > 0) form.set(FRAMES_WIDTH_PARAM, String(Math.round(widthPx)));
  const { status, text, timing } = await send(`${datasourceBaseUrl(params.datasource)}/api/v1/query_range`, { method: "POST", body: form, signal }, source);
  const w = text.length > WORKER_DECODE_MIN_CHARS && typeof Worker !== "undefined" ? decodeWorker() : null;
  const answer = w ? await decodeOffThread(w, status, text, source) : readFramesAnswer(status, text, source);
  return { ...answer, timing };
}

/**
 * The width to ask the server's M4 for: the panel's device pixels, rounded up to a multiple of 128
 * so small resizes keep the same query (and cache entry); the chart reduces exactly to its own width.
 */
export function framesWidthFor(cssWidthPx: number, devicePixelRatio = 1): number {
  const px = Math.max(1, Math.ceil(cssWidthPx * Math.max(1, devicePixelRatio)));
  return Math.ceil(px / 128) * 128;
}
