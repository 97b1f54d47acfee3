import { envelopeSchema, type Envelope } from "@/lib/promql/types";
import { scanJson } from "./json-scan";


/** Error types the proxy adds to Prometheus's own (bad_data, execution, timeout, ...). */
export type ProxyErrorType = "unavailable" | "timeout" | "bad_response" | "not_found" | "bad_data" | "method_not_allowed" | "too_large";

/** A proxy-made failure, answered in the Prometheus envelope. */
export class ProxyError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: ProxyErrorType,
    message: string,
    /** Headers the answer carries (e.g. Retry-After relayed from an overloaded upstream). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ProxyError";
  }
}

export function errorEnvelope(errorType: string, error: string): Envelope {
  return { status: "error", errorType, error };
}

/**
 * Checks that an upstream body is a complete Prometheus envelope. Returns the parsed envelope,
 * or a reason naming what was wrong (non-JSON, truncated, not an envelope).
 */
export function parseUpstreamBody(text: string, contentType: string | undefined): { envelope: Envelope } | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const snippet = text.slice(0, 120).replace(/\s+/g, " ").trim();
    const kind = text.trimStart().startsWith("{") ? "truncated or malformed JSON" : "a non-JSON body";
    return { reason: `${kind} (${contentType ?? "no content type"}, ${text.length} bytes${snippet ? `: "${snippet}"` : ""})` };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return { reason: "JSON that is not a Prometheus API response (no valid status field)" };
  if (parsed.data.status === "success" && !("data" in parsed.data)) {
    return { reason: 'a "success" response without data' };
  }
  return { envelope: parsed.data };
}

/** The envelope's own fields (everything but `data`), checked as envelopeSchema checks them. */
export interface EnvelopeHead {
  status: "success" | "error";
  errorType?: string;
  error?: string;
  warnings?: string[];
  infos?: string[];
}

const HEAD_FIELDS = ["status", "errorType", "error", "warnings", "infos"] as const;

function describeNonJson(body: Uint8Array, contentType: string | undefined): string {
  const text = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 1024)).toString("utf8");
  const snippet = text.slice(0, 120).replace(/\s+/g, " ").trim();
  const kind = text.trimStart().startsWith("{") ? "truncated or malformed JSON" : "a non-JSON body";
  return `${kind} (${contentType ?? "no content type"}, ${body.byteLength} bytes${snippet ? `: "${snippet}"` : ""})`;
}

/**
 * The same check as parseUpstreamBody (the same bodies pass, the same reasons name the others), on
 * the bytes, without building the body's objects: a validating scan of the whole JSON (so a truncated
 * or garbage body still fails), then only the envelope's own fields parsed. For an answer relayed as
 * received, whose `data` nobody reads; `resultCount` is the length of `data.result` when it is an array.
 */
export function checkUpstreamBody(body: Uint8Array, contentType: string | undefined): { head: EnvelopeHead; resultCount?: number } | { reason: string } {
  const scan = scanJson(body);
  if (!scan.ok) return { reason: describeNonJson(body, contentType) };
  const notEnvelope = { reason: "JSON that is not a Prometheus API response (no valid status field)" };
  if (!scan.object) return notEnvelope;
  const fields: Record<string, unknown> = {};
  for (const name of HEAD_FIELDS) {
    const span = scan.members.get(name);
    if (span) fields[name] = JSON.parse(Buffer.from(body.buffer, body.byteOffset + span.start, span.end - span.start).toString("utf8"));
  }
  const parsed = envelopeSchema.safeParse(fields);
  if (!parsed.success) return notEnvelope;
  if (parsed.data.status === "success" && !scan.members.has("data")) return { reason: 'a "success" response without data' };
  return { head: headOf(parsed.data), ...(scan.resultCount !== undefined ? { resultCount: scan.resultCount } : {}) };
}

/** The envelope's own fields of a parsed envelope. */
export function headOf(e: Envelope): EnvelopeHead {
  const head: EnvelopeHead = { status: e.status };
  if (e.errorType !== undefined) head.errorType = e.errorType;
  if (e.error !== undefined) head.error = e.error;
  if (e.warnings !== undefined) head.warnings = e.warnings;
  if (e.infos !== undefined) head.infos = e.infos;
  return head;
}
