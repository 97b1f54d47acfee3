// Requests next-auth v4 would answer with a 500: its config assertion (core/lib/assert.js) throws
// InvalidCallbackUrl for a `callbackUrl` query parameter or a callback-url cookie that is not an
// http(s) URL (`javascript:x`, `data:...`, `::`), and the route answers "problem with the server
// configuration"; a POST declared as JSON whose body is not a JSON object makes its body reader
// (next/utils.js getBody: `req.json()`) or the actions after it throw. All come from the client
// (the cookie only ever holds what next-auth set), so they get a 400 naming the problem, and a
// forged cookie is cleared so the browser recovers.

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** next-auth's own test (assert.js `isValidHttpUrl`): an http(s) URL, or a path resolved against the base. */
export function isNextAuthHttpUrl(url: string, baseUrl: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? baseUrl : undefined).protocol);
  } catch {
    return false;
  }
}

/** Every value of cookie `name` (a client may repeat it; which one next-auth sees is Next's choice). */
function cookieValues(header: string | null, name: string): string[] {
  const out: string[] = [];
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        out.push(decodeURIComponent(raw));
      } catch {
        out.push(raw);
      }
    }
  }
  return out;
}

const badRequest = (message: string, headers = new Headers()) => {
  headers.set("cache-control", "no-store");
  return Response.json({ error: { code: "bad_request", message } }, { status: 400, headers });
};

/** A 400 for a request next-auth would answer with a 500 (see above); undefined when it may go on. */
export async function refuseBadAuthRequest(req: Request): Promise<Response | undefined> {
  // next-auth throws "Callback for provider type credentials not supported" for anything but a POST there.
  if (req.method !== "POST" && /^\/api\/auth\/callback\/credentials\/?$/.test(new URL(req.url).pathname)) {
    const res = badRequest("the credentials callback takes a POST of the sign-in form");
    return new Response(res.body, { status: 405, headers: { ...Object.fromEntries(res.headers), allow: "POST" } });
  }
  if (req.method === "POST" && req.body && (req.headers.get("content-type") ?? "").includes("application/json")) {
    let body: unknown;
    try {
      body = await req.clone().json();
    } catch {
      return badRequest("the body is declared as application/json but is not valid JSON");
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) return badRequest("the body must be a JSON object (or a form)");
  }
  // next-auth copies `error` into a redirect's Location: a character outside Latin-1 makes the header throw.
  const error = new URL(req.url).searchParams.getAll("error").find((v) => !/^[\w.:-]{0,100}$/.test(v));
  if (error !== undefined) return badRequest("error must be a next-auth error code (letters, digits, _ . : -)");
  return refuseBadCallbackUrl(req);
}

/** A 400 for a request whose callback URL next-auth would choke on; undefined when it may go on. */
export function refuseBadCallbackUrl(req: Request): Response | undefined {
  const url = new URL(req.url);
  // Every value: next-auth reads the query with Object.fromEntries, so the last one counts.
  if (url.searchParams.getAll("callbackUrl").some((v) => v !== "" && !isNextAuthHttpUrl(v, url.origin))) {
    return badRequest("callbackUrl must be a path on this site or an http(s) URL");
  }
  const cookies = req.headers.get("cookie");
  const bad = CALLBACK_COOKIES.filter((name) => cookieValues(cookies, name).some((v) => v !== "" && !isNextAuthHttpUrl(v, url.origin)));
  if (bad.length === 0) return undefined;
  const headers = new Headers();
  for (const name of bad) headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  return badRequest(`the ${bad[0]} cookie is not an http(s) URL; it has been cleared, try again`, headers);
}
