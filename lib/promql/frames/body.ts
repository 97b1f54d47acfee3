import { compressBinaryFrame } from "./binary-compress";
import { encodeBinaryFrame } from "./binary-encode";
import { BINARY_MEDIA_TYPE } from "./binary-format";
import { encodeFrame, type EncodeOptions, type PromMatrixSeries } from "./encode";
import { FRAMES_MEDIA_TYPE } from "./schema";

/** Which frames body: JSON (schema.ts, for debugging and other clients) or binary (binary-format.ts). */
export type FramesWire = "json" | "binary";

export interface FramesBodyOptions extends EncodeOptions {
  wire: FramesWire;
  /** The upstream envelope's warnings and infos, carried along. */
  warnings?: readonly string[];
  infos?: readonly string[];
  /** Binary only: deflate the payload when it pays (binary-format.ts, flag DEFLATE). Default true. */
  compress?: boolean;
}

export interface FramesBody {
  body: string | Uint8Array;
  /** Without charset for binary bodies. */
  contentType: string;
}

/**
 * The proxy's one call into the frames encoders: a query_range matrix (Prometheus's shape, as the
 * query layer holds it) as a frames body, or null when a frame cannot carry it exactly (native
 * histograms, timestamps off the step grid): the caller then relays the Prometheus body unchanged.
 */
export function encodeFramesBody(result: readonly PromMatrixSeries[], opts: FramesBodyOptions): FramesBody | null {
  const { wire, warnings, infos, compress = true, ...encode } = opts;
  const frame = encodeFrame(result, encode);
  if (!frame) return null;
  if (wire === "binary") {
    const raw = encodeBinaryFrame(frame, { warnings, infos });
    return { body: compress ? compressBinaryFrame(raw) : raw, contentType: BINARY_MEDIA_TYPE };
  }
  const out: Record<string, unknown> = { status: "success", data: frame };
  if (warnings?.length) out.warnings = warnings;
  if (infos?.length) out.infos = infos;
  return { body: JSON.stringify(out), contentType: `${FRAMES_MEDIA_TYPE}; charset=utf-8` };
}
