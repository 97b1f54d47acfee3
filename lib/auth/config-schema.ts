import { z } from "zod";
import { parseDurationMs } from "@/lib/promql/duration";
import { roleSchema } from "./roles";

// Kept free of node:crypto so lib/config/schema can import it; lib/auth/passwords.ts checks the same shape.
const PASSWORD_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{43,}$/;

const durationSchema = z.string().refine((s) => (parseDurationMs(s) ?? 0) > 0, {
  message: 'must be a positive duration such as "12h" or "30d"',
});

const originSchema = z.string().superRefine((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: "custom", message: 'must be an origin such as "https://wiki.example.com"' });
    return;
  }
  if (!/^https?:$/.test(url.protocol) || url.origin !== text.replace(/\/$/, "")) {
    ctx.addIssue({ code: "custom", message: 'must be a bare http(s) origin such as "https://wiki.example.com" (no path)' });
  }
});

const httpUrlSchema = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" });

export const oidcConfigSchema = z.strictObject({
  /** Shown on the login button: "Sign in with <name>". */
  name: z.string().min(1).max(60).default("OIDC"),
  /** The issuer URL; the discovery document is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: httpUrlSchema,
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scope: z.string().default("openid profile email groups"),
  /** ID-token claim holding group or role names; dotted paths reach nested claims. */
  roleClaim: z.string().min(1).default("groups"),
  roleMapping: z
    .strictObject({
      admin: z.array(z.string()).default([]),
      editor: z.array(z.string()).default([]),
      viewer: z.array(z.string()).default([]),
    })
    .default({ admin: [], editor: [], viewer: [] }),
  /** Role for users matching no mapping; leave unset to refuse them. */
  defaultRole: roleSchema.optional(),
});

export const localUserSchema = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, "must be 1-64 letters, digits, '.', '_', '@' or '-'"),
  passwordHash: z.string().regex(PASSWORD_HASH, 'must be a hash from "npx tsx lib/auth/hash-password.ts", not a password'),
  role: roleSchema,
});

/** The optional `auth` section of orrery.config.{json,yaml}. */
export const authConfigSchema = z
  .strictObject({
    /** Signs sessions and embed tokens; usually "${ORRERY_AUTH_SECRET}". Falls back to ORRERY_AUTH_SECRET / NEXTAUTH_SECRET. */
    secret: z.string().min(1).optional(),
    /** Public base URL (NEXTAUTH_URL), e.g. "https://orrery.example.com". */
    url: httpUrlSchema.optional(),
    sessionMaxAge: durationSchema.default("12h"),
    anonymous: z
      .strictObject({ enabled: z.boolean().default(false), role: roleSchema.default("viewer") })
      .default({ enabled: false, role: "viewer" }),
    /** Viewers may use Explore (arbitrary read PromQL); Grafana's viewers_can_edit. */
    viewersCanExplore: z.boolean().default(true),
    oidc: oidcConfigSchema.optional(),
    users: z.array(localUserSchema).default([]),
    /** Extra origins whose mutations are accepted (a reverse proxy's public name). */
    trustedOrigins: z.array(originSchema).default([]),
    embed: z
      .strictObject({
        /** Origins allowed to frame /d-solo (frame-ancestors); 'self' is always allowed. */
        allowedOrigins: z.array(originSchema).default([]),
        /** Longest lifetime an embed token may be minted with. */
        maxTtl: durationSchema.default("365d"),
      })
      .default({ allowedOrigins: [], maxTtl: "365d" }),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.users.forEach((u, i) => {
      if (seen.has(u.username)) ctx.addIssue({ code: "custom", path: ["users", i, "username"], message: `duplicate user "${u.username}"` });
      seen.add(u.username);
    });
  });

export type AuthConfig = z.infer<typeof authConfigSchema>;
export type OidcConfig = z.infer<typeof oidcConfigSchema>;
export type LocalUser = z.infer<typeof localUserSchema>;
