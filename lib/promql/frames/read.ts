import { parseQueryData, readEnvelope } from "@/lib/promql/api";
import { PromQLError, type MatrixData, type QueryResponse } from "@/lib/promql/types";
import { binaryFrameColumns, decodeBinaryFrame, inflateBinaryFrame } from "./binary-decode";
import { isFrame, parseFrame, type FramesData } from "./decode";

/** What a frames request gives a panel: columns, or Prometheus's matrix when the proxy could not encode a frame. */
export type RangeAnswer = QueryResponse<FramesData | MatrixData>;

/** A decode result as the worker posts it (errors as plain fields: Error objects lose their class in postMessage). */
export type DecodeReply = { id: number; ok: RangeAnswer } | { id: number; error: { status: number; errorType: string; message: string } };

/** What the worker is asked to decode: a JSON answer's text, or a binary frames body. */
export type DecodeRequest = { id: number; status: number; source: string } & ({ text: string } | { bytes: ArrayBuffer });

/** Reads a frames answer's text: the envelope (errors become PromQLError), then the frame or matrix. */
export function readFramesAnswer(status: number, text: string, source: string): RangeAnswer {
  const response = readEnvelope(status, text, source);
  if (isFrame(response.data)) {
    const parsed = parseFrame(response.data);
    if ("reason" in parsed) throw new PromQLError(status, "bad_response", `Unexpected frame from ${source}: ${parsed.reason}`);
    return { ...response, data: parsed.frame };
  }
  const data = parseQueryData(response, source).data;
  if (data.resultType !== "matrix") throw new PromQLError(200, "bad_response", `query_range returned a ${data.resultType}, expected a matrix`);
  return { ...response, data };
}

/** Reads a binary frames body (binary-format.ts); a truncated or garbled one is a PromQLError naming where. */
export function readBinaryFramesAnswer(status: number, bytes: ArrayBuffer | Uint8Array, source: string): RangeAnswer {
  let frame;
  try {
    frame = decodeBinaryFrame(bytes);
  } catch (err) {
    throw new PromQLError(status, "bad_response", `Unexpected binary frame from ${source}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { data: binaryFrameColumns(frame), warnings: frame.warnings, infos: frame.infos };
}

/** readBinaryFramesAnswer for any body: a compressed one is inflated with DecompressionStream first (browsers). */
export async function readBinaryFramesAnswerAsync(status: number, bytes: ArrayBuffer | Uint8Array, source: string): Promise<RangeAnswer> {
  let body: Uint8Array;
  try {
    body = await inflateBinaryFrame(bytes);
  } catch (err) {
    throw new PromQLError(status, "bad_response", `Unexpected binary frame from ${source}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return readBinaryFramesAnswer(status, body, source);
}

/** Either reader for a worker message: never rejects. */
export async function decodeFramesMessage(req: DecodeRequest): Promise<DecodeReply> {
  try {
    return { id: req.id, ok: "bytes" in req ? await readBinaryFramesAnswerAsync(req.status, req.bytes, req.source) : readFramesAnswer(req.status, req.text, req.source) };
  } catch (err) {
    const e = err instanceof PromQLError ? err : new PromQLError(req.status, "bad_response", String(err));
    return { id: req.id, error: { status: e.status, errorType: e.errorType, message: e.message } };
  }
}

/** `readFramesAnswer` for a worker message: never rejects. */
export function decodeFramesText(id: number, status: number, text: string, source: string): Promise<DecodeReply> {
  return decodeFramesMessage({ id, status, text, source });
}
