/** Where sign-in goes when `callbackUrl` is missing or refused. */
export const DEFAULT_CALLBACK = "/";

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2048;

// Each percent-decoding layer must itself look like a local path: catches %2f%2fevil, %5c, %09 and friends.
function layersAreLocal(raw: string): boolean {
  let s = raw;
  for (let i = 0; i < 5; i++) {
    if (UNSAFE_CHARS.test(s) || s.startsWith("//") || /^\/[\\/]/.test(s)) return false;
    let next: string;
    try {
      next = decodeURIComponent(s);
    } catch {
      return false;
    }
    if (next === s) return true;
    s = next;
  }
  return false;
}

/**
 * A same-origin path for a sign-in redirect (`/d/abc?from=now-1h`), or "/" when `raw` could lead
 * elsewhere: other origins, `//evil`, `/\evil`, `https:evil`, `javascript:`, encoded or
 * control-character variants. An absolute URL on `origin` is reduced to its path.
 */
export function safeCallbackPath(raw: unknown, origin: string): string {
  if (typeof raw !== "string" || raw === "" || raw.length > MAX_LENGTH) return DEFAULT_CALLBACK;
  let candidate = raw;
  if (!raw.startsWith("/")) {
    let abs: URL;
    try {
      abs = new URL(raw);
    } catch {
      return DEFAULT_CALLBACK;
    }
    if (abs.origin !== origin || !/^https?:$/.test(abs.protocol) || !raw.toLowerCase().startsWith(`${origin.toLowerCase()}/`)) return DEFAULT_CALLBACK;
    candidate = raw.slice(origin.length);
  }
  if (!layersAreLocal(candidate)) return DEFAULT_CALLBACK;
  const url = new URL(candidate, origin);
  if (url.origin !== origin) return DEFAULT_CALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The same check for next-auth's redirect callback, which wants an absolute URL. */
export function safeCallbackUrl(raw: unknown, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  return `${origin}${safeCallbackPath(raw, origin)}`;
}
