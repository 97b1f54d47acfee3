import { E2E_ADMIN_PASSWORD } from "../test/oidc/e2e-config";
import { e2eBaseUrl } from "../scripts/stack";

/** The signed-in admin's browser state, written by global-setup.ts and used by every spec (playwright.config.ts). */
export const ADMIN_STORAGE_STATE = "e2e/.generated/admin-storage-state.json";

/** For specs that mutate through the `request` fixture: a browser sends its Origin, the API's CSRF check wants it. */
export const SAME_ORIGIN_HEADERS = { origin: e2eBaseUrl() };

/** A signed-out browser (for specs about signing in or anonymous requests). */
export const SIGNED_OUT = { cookies: [], origins: [] };

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/**
 * Signs in through next-auth's credentials callback, as the login form does (its CSRF token and
 * cookie first), and returns the `name=value` of the session cookie. Throws naming the status on failure.
 */
export async function signInCookie(baseURL: string, username = "admin", password = E2E_ADMIN_PASSWORD): Promise<string> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: baseURL, json: "true" }),
  });
  const session = cookiePairs(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`signing in as ${username} at ${baseURL} failed: HTTP ${res.status}, no session cookie`);
  return session;
}
