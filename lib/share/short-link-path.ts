/** Longest path + query a short link may store (a dashboard link with many variable values fits easily). */
export const MAX_SHORT_LINK_PATH = 8_192;

/** Short-link ids: base62, at least 10 characters (≈ 60 bits; ids are not secrets, only unguessable enough not to enumerate). */
export const SHORT_LINK_ID_PATTERN = /^[A-Za-z0-9]{10,32}$/;

export type ShortLinkPathCheck = { ok: true; path: string } | { ok: false; error: string };

const BASE = "http://orrery.invalid";

/**
 * Whether `path` may be stored behind a short link: a same-origin relative dashboard link
 * (`/d/<uid>...` with an optional query). Refused: anything with a scheme or host, `//`, a
 * backslash, control characters or spaces, `..` or `.` segments, a fragment, and any text the URL
 * parser would rewrite (the stored path must be exactly what a browser will request).
 */
export function checkShortLinkPath(path: unknown): ShortLinkPathCheck {
  if (typeof path !== "string") return { ok: false, error: "path must be a string" };
  if (path.length === 0) return { ok: false, error: "path must not be empty" };
  if (path.length > MAX_SHORT_LINK_PATH) return { ok: false, error: `path must be at most ${MAX_SHORT_LINK_PATH} characters` };
  if (!path.startsWith("/d/")) return { ok: false, error: 'path must be a dashboard link starting with "/d/"' };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(path)) return { ok: false, error: "path must not contain spaces, control characters or backslashes" };
  if (path.includes("#")) return { ok: false, error: "path must not contain a fragment" };
  const q = path.indexOf("?");
  const pathname = q === -1 ? path : path.slice(0, q);
  if (pathname.includes("//")) return { ok: false, error: 'path must not contain "//"' };
  // Percent-encoded separators could turn into `/`, `\` or `.` segments on a later decode.
  if (/%(2f|5c|2e|00)/i.test(pathname)) return { ok: false, error: "path must not contain encoded slashes, backslashes, dots or NUL" };
  if (pathname.split("/").some((s) => s === "." || s === "..")) return { ok: false, error: 'path must not contain "." or ".." segments' };
  let url: URL;
  try {
    url = new URL(path, BASE);
  } catch {
    return { ok: false, error: "path is not a valid URL path" };
  }
  if (url.origin !== BASE || `${url.pathname}${url.search}` !== path) {
    return { ok: false, error: "path must be a plain relative path that a browser requests unchanged" };
  }
  return { ok: true, path };
}
