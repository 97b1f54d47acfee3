import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDurationMs } from "@/lib/promql/duration";
import { ConfigError } from "@/lib/config/load";
import { loadRepositoryConfig } from "@/lib/dashboards/repository/config";
import { authConfigSchema, type AuthConfig, type LocalUser, type OidcConfig } from "./config-schema";
import type { Role } from "./roles";

/** A start-up problem in the auth settings; the message says what to set. A ConfigError, so start-up stops on it. */
export class AuthConfigError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = "AuthConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Shortest secret accepted in production (bytes of text); `openssl rand -base64 32` gives 44. */
export const MIN_SECRET_LENGTH = 32;

export interface AuthSettings {
  secret: string;
  secretSource: "config" | "ORRERY_AUTH_SECRET" | "NEXTAUTH_SECRET" | "development";
  /** Public base URL, when known (auth.url or NEXTAUTH_URL). */
  url?: string;
  sessionMaxAgeSeconds: number;
  anonymous: { enabled: boolean; role: Role };
  viewersCanExplore: boolean;
  oidc?: OidcConfig;
  users: LocalUser[];
  trustedOrigins: string[];
  embed: { allowedOrigins: string[]; maxTtlSeconds: number };
  /** Where API tokens, embed-token revocations and the bootstrap admin are stored. */
  dir: string;
}

/** `<ORRERY_DATA_DIR>/.auth`: a dot name, so the dashboard store never takes it for a dashboard uid. */
export function authDataDir(env: Env = process.env): string {
  return path.join(loadRepositoryConfig(env).dataDir, ".auth");
}

// Outside production a missing secret is generated once and kept in the data folder, so sessions and
// embed tokens survive restarts and every route bundle of one server reads the same value.
function developmentSecret(dir: string): string {
  const file = path.join(dir, "dev-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw e;
  }
  chmodSync(file, 0o600);
  return secret;
}

function pickSecret(auth: AuthConfig, env: Env): Pick<AuthSettings, "secret" | "secretSource"> | undefined {
  if (auth.secret) return { secret: auth.secret, secretSource: "config" };
  if (env.ORRERY_AUTH_SECRET) return { secret: env.ORRERY_AUTH_SECRET, secretSource: "ORRERY_AUTH_SECRET" };
  if (env.NEXTAUTH_SECRET) return { secret: env.NEXTAUTH_SECRET, secretSource: "NEXTAUTH_SECRET" };
  return undefined;
}

/**
 * The effective auth settings from the config file's `auth` section (already validated, or raw)
 * and the environment. In production (NODE_ENV=production) a secret of at least 32 characters and
 * the public URL are required: throws AuthConfigError saying what to set.
 */
export function resolveAuthSettings(auth: unknown, env: Env = process.env): AuthSettings {
  const parsed = authConfigSchema.safeParse(auth ?? {});
  if (!parsed.success) throw new AuthConfigError(`invalid auth configuration: ${parsed.error.issues.map((i) => `auth.${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const cfg = parsed.data;
  const dir = authDataDir(env);
  const production = env.NODE_ENV === "production";
  let secret = pickSecret(cfg, env);
  if (production) {
    if (!secret) {
      throw new AuthConfigError(
        "no auth secret: set ORRERY_AUTH_SECRET (at least 32 characters, e.g. `openssl rand -base64 32`) or auth.secret in the config file; production start-up needs one to sign sessions and embed tokens",
      );
    }
    if (secret.secret.length < MIN_SECRET_LENGTH) {
      throw new AuthConfigError(`the auth secret from ${secret.secretSource} is ${secret.secret.length} characters; production needs at least ${MIN_SECRET_LENGTH}`);
    }
  }
  secret ??= { secret: developmentSecret(dir), secretSource: "development" };
  const url = cfg.url ?? env.NEXTAUTH_URL;
  if (production && !url) {
    throw new AuthConfigError("no public URL: set NEXTAUTH_URL (e.g. https://orrery.example.com) or auth.url; sign-in redirects are built from it");
  }
  return {
    ...secret,
    ...(url ? { url: url.replace(/\/+$/, "") } : {}),
    sessionMaxAgeSeconds: parseDurationMs(cfg.sessionMaxAge)! / 1000,
    anonymous: cfg.anonymous,
    viewersCanExplore: cfg.viewersCanExplore,
    ...(cfg.oidc ? { oidc: cfg.oidc } : {}),
    users: cfg.users,
    trustedOrigins: cfg.trustedOrigins,
    embed: { allowedOrigins: cfg.embed.allowedOrigins, maxTtlSeconds: parseDurationMs(cfg.embed.maxTtl)! / 1000 },
    dir,
  };
}
