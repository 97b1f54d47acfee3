import { z } from "zod";

/** How an embedded panel's time range may move: pinned, or relative up to a maximum span ending at most now. */
export const embedTimePolicySchema = z.discriminatedUnion("mode", [
  z
    .strictObject({ mode: z.literal("fixed"), fromMs: z.number().int().nonnegative(), toMs: z.number().int().positive() })
    .refine((t) => t.fromMs < t.toMs, { message: "fromMs must be before toMs", path: ["fromMs"] }),
  z.strictObject({ mode: z.literal("relative"), maxSpanSeconds: z.number().int().min(60).max(400 * 86_400) }),
]);

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** What an embed token grants: these panels of this dashboard version, these variable values, this time policy. */
export const embedClaimsSchema = z.strictObject({
  uid: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "must be a dashboard uid"),
  panels: z.array(z.number().int().nonnegative()).min(1).max(100),
  /** Dashboard version the token was minted for; the server resolves queries from that version. */
  ver: z.number().int().positive(),
  /** The only variables the embed may set, each with its allowed values; the first value is the default. */
  vars: z.record(z.string().regex(VAR_NAME, "must be a variable name"), z.array(z.string().max(1000)).min(1).max(100)),
  time: embedTimePolicySchema,
});

export type EmbedClaims = z.infer<typeof embedClaimsSchema>;
export type EmbedTimePolicy = z.infer<typeof embedTimePolicySchema>;
