import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "./errors";

/** Largest JSON body a mutation accepts; a dashboard with hundreds of panels is well under 1 MB. */
export const MAX_JSON_BODY_BYTES = 5 * 1024 * 1024;

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** Whether the request declares a JSON body (`application/json`, any parameters). */
export function isJsonContentType(req: Request): boolean {
  return JSON_TYPE.test(req.headers.get("content-type") ?? "");
}

/** Throws 415 unless the request declares a JSON body. Also keeps cross-site form posts out. */
export function assertJsonContentType(req: Request): void {
  if (!isJsonContentType(req)) throw new UnsupportedMediaTypeError(req.headers.get("content-type"));
}

/** Reads a request body, refusing it with 413 as soon as more than `maxBytes` arrive (never buffers more). */
export async function readLimited(req: Request, maxBytes: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON request body: 415 unless `Content-Type: application/json`, 413 past `maxBytes`
 * (declared or actually sent), 400 for an empty body, invalid UTF-8 or invalid JSON.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  assertJsonContentType(req);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const bytes = await readLimited(req, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("request body is not valid UTF-8");
  }
  if (text.trim() === "") throw new BadRequestError("request body is empty; expected a JSON object");
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new BadRequestError(`request body is not valid JSON: ${(e as Error).message}`);
  }
}
