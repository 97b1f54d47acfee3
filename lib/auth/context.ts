import "server-only";
import { getConfig } from "@/lib/config";
import { ApiTokenStore } from "./api-tokens";
import { EmbedTokenStore } from "./embed-tokens";
import { resolveAuthSettings, type AuthSettings } from "./settings";

/** Settings plus the stores `authorize` reads. Tests build one with `createAuthContext`. */
export interface AuthContext {
  settings: AuthSettings;
  apiTokens: ApiTokenStore;
  embedTokens: EmbedTokenStore;
}

export function createAuthContext(settings: AuthSettings): AuthContext {
  return { settings, apiTokens: new ApiTokenStore(settings.dir), embedTokens: new EmbedTokenStore(settings.dir) };
}

let cached: AuthContext | undefined;

/** The process's auth context, from the config file's `auth` section and the environment (loaded once). */
export function getAuthContext(): AuthContext {
  cached ??= createAuthContext(resolveAuthSettings(getConfig().auth));
  return cached;
}

/** Drops the cached context (tests; a config reload). */
export function resetAuthContext(): void {
  cached = undefined;
}
