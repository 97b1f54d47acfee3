import * as z from "zod/mini";

// The browser's side of /api/embed-tokens (zod/mini: this ships with the share dialog).

export const mintResponseSchema = z.object({
  token: z.string(),
  id: z.string(),
  expiresAt: z.string(),
  src: z.string(),
  iframe: z.string(),
});
export type MintResponse = z.infer<typeof mintResponseSchema>;

export const embedTokenSummarySchema = z.object({
  id: z.string(),
  uid: z.string(),
  panels: z.array(z.number()),
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.nullable(z.string()),
});
export type EmbedTokenSummary = z.infer<typeof embedTokenSummarySchema>;
const listSchema = z.object({ tokens: z.array(embedTokenSummarySchema) });

export interface EmbedTabChoices {
  panelId: number;
  /** Variables the embed may use, each pinned to its current values. */
  pinned: Record<string, string[]>;
  time: { mode: "fixed"; fromMs: number; toMs: number } | { mode: "relative"; maxSpan: string };
  ttl: string;
  theme?: "light" | "dark";
}

/** The POST /api/embed-tokens body for the embed tab's choices. */
export function mintRequestBody(c: EmbedTabChoices, uid: string): Record<string, unknown> {
  const variables = Object.fromEntries(Object.entries(c.pinned).filter(([, values]) => values.length > 0));
  return { uid, panels: [c.panelId], variables, time: c.time, ttl: c.ttl, ...(c.theme ? { theme: c.theme } : {}) };
}

async function call(path: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(path, { ...init, credentials: "same-origin", headers: { ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(typeof message === "string" ? message : `HTTP ${res.status}`);
  }
  return body;
}

/** POST /api/embed-tokens. */
export async function mintEmbedToken(body: Record<string, unknown>): Promise<MintResponse> {
  return mintResponseSchema.parse(await call("/api/embed-tokens", { method: "POST", body: JSON.stringify(body) }));
}

/** GET /api/embed-tokens?uid= (own tokens; an admin's: all). */
export async function listEmbedTokens(uid: string, signal?: AbortSignal): Promise<EmbedTokenSummary[]> {
  return listSchema.parse(await call(`/api/embed-tokens?uid=${encodeURIComponent(uid)}`, { signal: signal ?? null })).tokens;
}

/** DELETE /api/embed-tokens/<id>. */
export async function revokeEmbedToken(id: string): Promise<void> {
  await call(`/api/embed-tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** A span for "relative, at most": the current range's length as a duration ("6h"), at least 1m. */
export function spanText(ms: number): string {
  const s = Math.max(60, Math.round(ms / 1000));
  for (const [unit, size] of [["d", 86_400], ["h", 3600], ["m", 60]] as const) if (s % size === 0) return `${s / size}${unit}`;
  return `${Math.ceil(s / 60)}m`;
}
