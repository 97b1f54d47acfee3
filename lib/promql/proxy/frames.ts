import { parseDurationOrSeconds } from "@/lib/promql/duration";
import { BINARY_FORMAT_VALUE, BINARY_MEDIA_TYPE } from "@/lib/promql/frames/binary-format";
import { encodeFramesBody, type FramesBody, type FramesWire } from "@/lib/promql/frames/body";
import type { PromMatrixSeries } from "@/lib/promql/frames/encode";
import { FRAMES_FORMAT_PARAM, FRAMES_GRID_FROM_PARAM, FRAMES_GRID_TO_PARAM, FRAMES_MEDIA_TYPE, FRAMES_WIDTH_PARAM } from "@/lib/promql/frames/schema";
import type { Envelope } from "@/lib/promql/types";
import { ProxyError } from "./envelope";
import { parseApiTime } from "./params";

/** Largest pixel width accepted for server-side M4 (an 8K screen). */
export const MAX_FRAME_WIDTH = 8192;

export interface FramesRequest {
  width?: number;
  /**
   * With `width`: the M4 grid's edges in epoch ms (the chart's device-pixel columns, so the server's
   * buckets are the chart's own); without, the grid spans the query's [start, end].
   */
  grid?: { fromMs: number; toMs: number };
  /** Binary frames (`format=frames-bin` or Accept: application/vnd.orrery.frames+binary), else JSON. */
  wire?: FramesWire;
}

/**
 * Whether a query_range request asks for frames (`format=frames`, or `Accept:
 * application/vnd.orrery.frames+json`; binary ones with `format=frames-bin` or `Accept:
 * application/vnd.orrery.frames+binary`), with its pixel width. Removes `format` and `width` from the
 * parameters either way they came: they are Orrery's, never sent upstream nor part of a cache key.
 */
export function takeFramesRequest(params: URLSearchParams, accept: string | null): FramesRequest | undefined {
  const format = params.get(FRAMES_FORMAT_PARAM);
  const acceptLower = (accept ?? "").toLowerCase();
  const binary = format === BINARY_FORMAT_VALUE || (format !== "frames" && acceptLower.includes(BINARY_MEDIA_TYPE));
  const asked = binary || format === "frames" || acceptLower.includes(FRAMES_MEDIA_TYPE);
  if (!asked) return undefined;
  if (format === "frames" || format === BINARY_FORMAT_VALUE) params.delete(FRAMES_FORMAT_PARAM);
  const wire: FramesWire = binary ? "binary" : "json";
  const widthText = params.get(FRAMES_WIDTH_PARAM);
  const fromText = params.get(FRAMES_GRID_FROM_PARAM);
  const toText = params.get(FRAMES_GRID_TO_PARAM);
  params.delete(FRAMES_WIDTH_PARAM);
  params.delete(FRAMES_GRID_FROM_PARAM);
  params.delete(FRAMES_GRID_TO_PARAM);
  const gridAsked = (fromText ?? "") !== "" || (toText ?? "") !== "";
  if (widthText === null || widthText === "") {
    if (gridAsked) throw new ProxyError(400, "bad_data", `parameters "${FRAMES_GRID_FROM_PARAM}" and "${FRAMES_GRID_TO_PARAM}" need "width" (the grid's pixel columns)`);
    return { wire };
  }
  const width = Number(widthText);
  if (!Number.isInteger(width) || width < 1 || width > MAX_FRAME_WIDTH) {
    throw new ProxyError(400, "bad_data", `invalid parameter "width": "${widthText.slice(0, 40)}" is not a pixel width between 1 and ${MAX_FRAME_WIDTH}`);
  }
  if (!gridAsked) return { width, wire };
  const fromMs = gridEdge(FRAMES_GRID_FROM_PARAM, fromText);
  const toMs = gridEdge(FRAMES_GRID_TO_PARAM, toText);
  if (!(toMs > fromMs)) throw new ProxyError(400, "bad_data", `invalid M4 grid: "${FRAMES_GRID_TO_PARAM}" (${toMs}) must be after "${FRAMES_GRID_FROM_PARAM}" (${fromMs})`);
  return { width, wire, grid: { fromMs, toMs } };
}

/** One edge of the M4 grid: epoch ms as a finite decimal number (fractions allowed). */
function gridEdge(name: string, text: string | null): number {
  const value = text === null || text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new ProxyError(400, "bad_data", `invalid parameter "${name}": "${(text ?? "").slice(0, 40)}" is not a time in epoch milliseconds (both grid edges are needed)`);
  }
  return value;
}

/**
 * A successful matrix answer re-encoded as a frames body, JSON (the same envelope) or binary, with
 * the warnings and infos kept,
 * or undefined when it cannot be (not a matrix, histograms, off-grid timestamps): the caller then
 * relays the Prometheus body unchanged.
 */
export function framesBody(envelope: Envelope, sent: URLSearchParams, req: FramesRequest): FramesBody | undefined {
  const data = envelope.data as { resultType?: unknown; result?: unknown } | undefined;
  if (envelope.status !== "success" || data?.resultType !== "matrix" || !Array.isArray(data.result)) return undefined;
  const stepText = sent.get("step");
  const stepS = stepText === null ? null : parseDurationOrSeconds(stepText);
  const fromS = parseApiTime(sent.get("start"));
  const toS = parseApiTime(sent.get("end"));
  if (stepS === null || !(stepS > 0)) return undefined;
  const body = encodeFramesBody(data.result as PromMatrixSeries[], {
    wire: req.wire ?? "json",
    stepMs: Math.round(stepS * 1000),
    ...(req.width !== undefined ? { width: req.width } : {}),
    // M4's buckets: the chart's own pixel columns when it sent them, else `width` columns over [start, end].
    ...(req.grid ? { fromMs: req.grid.fromMs, toMs: req.grid.toMs } : fromS !== null ? { fromMs: fromS * 1000 } : {}),
    ...(req.grid ? {} : toS !== null ? { toMs: toS * 1000 } : {}),
    ...(envelope.warnings?.length ? { warnings: envelope.warnings } : {}),
    ...(envelope.infos?.length ? { infos: envelope.infos } : {}),
  });
  return body ?? undefined;
}
