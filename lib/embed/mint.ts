import "server-only";
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import type { EmbedClaims, EmbedTimePolicy } from "@/lib/auth/embed-claims";
import { mintEmbedToken, type EmbedTokenRecord } from "@/lib/auth/embed-tokens";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import { uidSchema } from "@/lib/dashboards/schema";
import { slugify } from "@/lib/dashboards/url-state";
import { ApiError } from "@/lib/http/errors";
import { parseDurationMs } from "@/lib/promql/duration";
import { findPanel } from "./resolve-panel";
import { embedIframe, soloPath } from "./snippet";

const durationOrSeconds = z.union([z.number().int().positive(), z.string().min(1).max(20)]);

/** The body of POST /api/embed-tokens. */
export const mintBodySchema = z.strictObject({
  uid: uidSchema,
  panels: z.array(z.number().int().nonnegative()).min(1).max(100),
  /** Variables the embed may set, each with its allowed values (the first is the default); one value pins it. */
  variables: z.record(z.string(), z.array(z.string().max(1000)).min(1).max(100)).default({}),
  time: z.discriminatedUnion("mode", [
    z.strictObject({ mode: z.literal("fixed"), fromMs: z.number().int().nonnegative(), toMs: z.number().int().positive() }),
    /** The longest span an embed may show, ending at most now: "24h", or seconds. */
    z.strictObject({ mode: z.literal("relative"), maxSpan: durationOrSeconds }),
  ]),
  /** Lifetime: "30d", or seconds. */
  ttl: durationOrSeconds,
  /** For the iframe snippet only. */
  theme: z.enum(["light", "dark"]).optional(),
  refresh: z.string().regex(/^(|\d+[smh])$/, 'must be a refresh interval such as "1m"').optional(),
  width: z.number().int().min(50).max(4000).default(600),
  height: z.number().int().min(50).max(4000).default(300),
});
export type MintBody = z.infer<typeof mintBodySchema>;

function seconds(value: number | string, field: string): number {
  if (typeof value === "number") return value;
  const ms = parseDurationMs(value);
  if (ms === null || ms <= 0 || ms % 1000 !== 0) throw new ApiError(400, "bad_request", `${field}: ${JSON.stringify(value)} is not a duration such as "24h" or "30d"`);
  return ms / 1000;
}

function timePolicy(time: MintBody["time"]): EmbedTimePolicy {
  if (time.mode === "fixed") {
    if (time.fromMs >= time.toMs) throw new ApiError(400, "bad_request", "time.fromMs must be before time.toMs");
    return time;
  }
  const maxSpanSeconds = seconds(time.maxSpan, "time.maxSpan");
  if (maxSpanSeconds < 60 || maxSpanSeconds > 400 * 86_400) throw new ApiError(400, "bad_request", "time.maxSpan must be between 1m and 400d");
  return { mode: "relative", maxSpanSeconds };
}

export interface MintResult {
  token: string;
  id: string;
  expiresAt: string;
  /** Path and query of the solo page, token included. */
  src: string;
  iframe: string;
  record: EmbedTokenRecord;
}

/**
 * Mints an embed token for panels of a saved dashboard: pins its current version, checks that the
 * panels and variables exist (400 naming the one that does not), records the token, and builds
 * the `<iframe>` snippet (attributes escaped).
 */
export async function mintForDashboard(body: MintBody, opts: { ctx: AuthContext; createdBy: string; baseUrl: string; nowMs?: number }): Promise<MintResult> {
  const stored = await getDashboardRepository().get(body.uid);
  const { dashboard } = stored;
  for (const id of body.panels) {
    if (!findPanel(dashboard, id)) throw new ApiError(400, "bad_request", `panels: dashboard ${JSON.stringify(body.uid)} has no panel ${id}`);
  }
  const names = new Set(dashboard.templating.list.map((v) => v.name));
  for (const name of Object.keys(body.variables)) {
    if (!names.has(name)) throw new ApiError(400, "bad_request", `variables: dashboard ${JSON.stringify(body.uid)} has no variable ${JSON.stringify(name)}`);
  }
  const claims: EmbedClaims = { uid: body.uid, panels: [...new Set(body.panels)], ver: stored.meta.version, vars: body.variables, time: timePolicy(body.time) };
  const ttlSeconds = seconds(body.ttl, "ttl");
  const { token, record } = await mintEmbedToken(claims, {
    secret: opts.ctx.settings.secret,
    store: opts.ctx.embedTokens,
    createdBy: opts.createdBy,
    ttlSeconds,
    maxTtlSeconds: opts.ctx.settings.embed.maxTtlSeconds,
    ...(opts.nowMs !== undefined ? { nowMs: opts.nowMs } : {}),
  });
  const src = soloPath({ uid: body.uid, slug: slugify(dashboard.title), panelId: claims.panels[0]!, claims, token, theme: body.theme, refresh: body.refresh });
  const title = dashboard.title || body.uid;
  return {
    token,
    id: record.jti,
    expiresAt: new Date(record.expiresAtMs).toISOString(),
    src,
    iframe: embedIframe({ src: `${opts.baseUrl}${src}`, width: body.width, height: body.height, title }),
    record,
  };
}
