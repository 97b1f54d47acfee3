/** next-auth's routes (app/api/auth/[...nextauth]), as the browser calls them. */
const AUTH_BASE = "/api/auth";

/** A CSRF token for next-auth's POSTs; the call also sets the cookie it is checked against. Null when it cannot be had. */
export async function fetchCsrfToken(fetcher: typeof fetch = fetch): Promise<string | null> {
  try {
    const res = await fetcher(`${AUTH_BASE}/csrf`, { credentials: "same-origin" });
    const body = (await res.json()) as { csrfToken?: unknown };
    return res.ok && typeof body.csrfToken === "string" ? body.csrfToken : null;
  } catch {
    return null;
  }
}

/** The outcome of a sign-in: ok, or next-auth's `?error=` code (CredentialsSignin, a too-many-attempts code, ...). */
export type CredentialsSignInResult = { ok: true } | { ok: false; error: string };

/**
 * Signs in with a username and password, as next-auth's `signIn("credentials", { redirect: false })`
 * does, less its two round trips ahead of the POST: the providers list (the provider is known) and
 * the CSRF token (`csrfToken`, asked for when the form showed). Under load each took a few hundred
 * milliseconds before the browser could leave the login page. Network failures throw.
 */
export async function credentialsSignIn(
  input: { username: string; password: string; callbackUrl: string; csrfToken: string },
  fetcher: typeof fetch = fetch,
): Promise<CredentialsSignInResult> {
  const res = await fetcher(`${AUTH_BASE}/callback/credentials`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...input, json: "true" }),
  });
  const { url } = (await res.json().catch(() => ({}))) as { url?: unknown };
  let error: string | null = null;
  if (typeof url === "string") {
    try {
      // Only its query matters: next-auth answers with the page to go to, `?error=` when refused.
      error = new URL(url, "http://orrery.invalid").searchParams.get("error");
    } catch {
      error = null;
    }
  }
  return res.ok && !error ? { ok: true } : { ok: false, error: error || "CredentialsSignin" };
}
