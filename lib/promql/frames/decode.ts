import { decodeFrame, type FramesData } from "./columns";
import { frameSchema } from "./schema";

// The zod-free part (columns, decodeFrame, isFrame) lives in columns.ts; re-exported for the decoders here.
export { decodeFrame, isFrame, type ColumnSeries, type FramesData } from "./columns";

/** Parses and decodes frame data, or returns a reason naming what was wrong. */
export function parseFrame(data: unknown): { frame: FramesData } | { reason: string } {
  const parsed = frameSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { reason: issue ? `${issue.path.map(String).join(".")}: ${issue.message}` : "not a frame" };
  }
  return { frame: decodeFrame(parsed.data) };
}

/** The ArrayBuffers behind a frame's columns, once each (a worker transfers them instead of copying). */
export function frameBuffers(frame: FramesData): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const s of frame.series) {
    set.add(s.x.buffer as ArrayBuffer);
    set.add(s.y.buffer as ArrayBuffer);
    if (s.gaps) set.add(s.gaps.buffer as ArrayBuffer);
  }
  return [...set];
}
