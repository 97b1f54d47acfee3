import { envelopeSchema, type Envelope } from "@/lib/promql/types";


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
