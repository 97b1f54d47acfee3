import "server-only";
import type { OrreryConfig } from "@/lib/config/schema";
import { resolveAuthSettings, type AuthSettings } from "./settings";
import { ensureAdminUser, type BootstrapResult } from "./users";

export interface AuthStartup {
  settings: AuthSettings;
  admin: BootstrapResult;
  /** One line for the start-up log; never contains the secret. */
  summary: string;
}

/**
 * Start-up for authentication, called from instrumentation-node.ts: validates the settings (throws
 * AuthConfigError, a ConfigError, when production lacks a secret or URL), exports NEXTAUTH_URL
 * from auth.url for next-auth, and creates the `admin` user from ORRERY_ADMIN_PASSWORD on first start.
 */
export async function startAuth(config: OrreryConfig, env: Record<string, string | undefined> = process.env): Promise<AuthStartup> {
  const settings = resolveAuthSettings(config.auth, env);
  if (settings.url && !env.NEXTAUTH_URL) env.NEXTAUTH_URL = settings.url;
  const admin = await ensureAdminUser(settings.dir, env);
  const parts = [
    `secret from ${settings.secretSource}`,
    settings.oidc ? `OIDC ${settings.oidc.issuer}` : "no OIDC",
    `${settings.users.length} configured user(s)`,
    admin === "created" ? "admin user created" : admin === "exists" ? "admin user exists" : "no admin user (set ORRERY_ADMIN_PASSWORD)",
    settings.anonymous.enabled ? `anonymous as ${settings.anonymous.role}` : "anonymous off",
  ];
  if (settings.secretSource === "development") parts.push(`development secret kept in ${settings.dir}`);
  return { settings, admin, summary: `auth: ${parts.join(", ")}` };
}
