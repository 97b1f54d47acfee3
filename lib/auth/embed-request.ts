import { ApiError } from "@/lib/http/errors";
import type { EmbedClaims } from "./embed-claims";

export interface EmbedViewRequest {
  /** `var-*` values the embed asked for; absent variables take the token's first pinned value. */
  vars: Record<string, string[]>;
  fromMs?: number;
  toMs?: number;
  nowMs: number;
}

export interface EmbedView {
  vars: Record<string, string[]>;
  fromMs: number;
  toMs: number;
}

/**
 * What an embed request may actually run: variables only those the token pins (403 otherwise),
 * the range clamped to the token's time policy (fixed: inside the pinned window; relative: at most
 * maxSpan, ending no later than now).
 */
export function resolveEmbedView(claims: EmbedClaims, req: EmbedViewRequest): EmbedView {
  const vars: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.vars)) {
    const allowed = Object.hasOwn(claims.vars, name) ? claims.vars[name]! : undefined;
    if (!allowed) throw new ApiError(403, "embed_variable_not_allowed", `the embed token does not allow setting variable ${JSON.stringify(name)}`);
    const refused = values.find((v) => !allowed.includes(v));
    if (refused !== undefined) {
      throw new ApiError(403, "embed_variable_not_allowed", `the embed token does not allow ${name}=${JSON.stringify(refused)}`);
    }
    if (values.length > 0) vars[name] = values;
  }
  for (const [name, allowed] of Object.entries(claims.vars)) vars[name] ??= [allowed[0]!];
  return { vars, ...clampRange(claims.time, req) };
}

function clampRange(time: EmbedClaims["time"], req: EmbedViewRequest): { fromMs: number; toMs: number } {
  if (time.mode === "fixed") {
    const fromMs = Math.max(time.fromMs, Math.min(req.fromMs ?? time.fromMs, time.toMs));
    const toMs = Math.min(time.toMs, Math.max(req.toMs ?? time.toMs, time.fromMs));
    return fromMs < toMs ? { fromMs, toMs } : { fromMs: time.fromMs, toMs: time.toMs };
  }
  const maxSpanMs = time.maxSpanSeconds * 1000;
  const toMs = Math.min(req.toMs ?? req.nowMs, req.nowMs);
  const wantedFrom = req.fromMs ?? toMs - maxSpanMs;
  const fromMs = wantedFrom < toMs ? Math.max(wantedFrom, toMs - maxSpanMs) : toMs - maxSpanMs;
  return { fromMs, toMs };
}
