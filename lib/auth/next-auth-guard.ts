// Requests next-auth v4 would answer with a 500: its config assertion (core/lib/assert.js) throws
// InvalidCallbackUrl for a `callbackUrl` query parameter or a callback-url cookie that is not an
// http(s) URL (`javascript:x`, `data:...`, `::`), and the route answers "problem with the server
// configuration". Both come from the client (the cookie only ever holds what next-auth set), so
// they get a 400 naming the problem, and a forged cookie is cleared so the browser recovers.

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** next-auth's own test (assert.js `isValidHttpUrl`): an http(s) URL, or a path resolved against the base. */
export function isNextAuthHttpUrl(url: string, baseUrl: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? baseUrl : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

/** A 400 for a request whose callback URL next-auth would choke on; undefined when it may go on. */
export function refuseBadCallbackUrl(req: Request): Response | undefined {
  const url = new URL(req.url);
  const param = url.searchParams.get("callbackUrl");
  if (param && !isNextAuthHttpUrl(param, url.origin)) {
    return Response.json({ error: { code: "bad_request", message: "callbackUrl must be a path on this site or an http(s) URL" } }, { status: 400, headers: { "cache-control": "no-store" } });
  }
  const cookies = req.headers.get("cookie");
  const bad = CALLBACK_COOKIES.filter((name) => {
    const v = cookieValue(cookies, name);
    return v !== undefined && v !== "" && !isNextAuthHttpUrl(v, url.origin);
  });
  if (bad.length === 0) return undefined;
  const headers = new Headers({ "cache-control": "no-store" });
  for (const name of bad) headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  return Response.json({ error: { code: "bad_request", message: `the ${bad[0]} cookie is not an http(s) URL; it has been cleared, try again` } }, { status: 400, headers });
}
