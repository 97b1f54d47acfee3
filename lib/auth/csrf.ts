import { ApiError } from "@/lib/http/errors";

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;

/** Whether the method changes state (and so needs the CSRF check). */
export function isMutation(method: string): boolean {
  return MUTATIONS.has(method.toUpperCase());
}

export interface CsrfOptions {
  /** Origins besides the request's own that may send mutations (the public URL, configured trusted origins). */
  trustedOrigins?: readonly string[];
  /**
   * Whether a body must be JSON (default true). False only for reads sent as POST (Prometheus's
   * form-encoded queries): the origin check still applies, the content type is the handler's business.
   */
  requireJson?: boolean;
  /**
   * Whether `multipart/form-data` is accepted besides JSON (file uploads, e.g. dashboard import).
   * The origin check above is what stops a cross-site form; the handler still checks the type.
   */
  allowMultipart?: boolean;
}

function refuse(message: string): never {
  throw new ApiError(403, "csrf", message);
}

/**
 * CSRF defence for cookie-authenticated mutations (Grafana CVE-2022-21703): the browser must say
 * the request is same-origin (`Sec-Fetch-Site: same-origin`, and `Origin` when sent equal to ours
 * or a trusted one), and a body must be JSON (blocks text/plain and form posts: 415).
 * Safe methods pass unchecked. Throws ApiError 403 `csrf` / 415.
 */
export function assertSameOriginMutation(req: Request, opts: CsrfOptions = {}): void {
  if (!isMutation(req.method)) return;
  const url = new URL(req.url);
  const own = url.origin;
  const allowed = new Set([own, ...(opts.trustedOrigins ?? []).map((o) => o.replace(/\/+$/, ""))]);
  // Next builds req.url from its own listen name (e.g. http://localhost:3000) whatever host the browser used;
  // the Host header is the one the browser addressed (a cross-site page cannot choose it), so it counts as ours.
  const host = req.headers.get("host");
  if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) allowed.add(`${url.protocol}//${host.toLowerCase()}`);
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  if (site !== null && site !== "same-origin") refuse(`cross-site request refused (Sec-Fetch-Site: ${site})`);
  if (origin !== null && !allowed.has(origin)) refuse(`request from origin ${JSON.stringify(origin)} refused; expected ${own}`);
  if (site === null && origin === null) refuse("a mutation needs an Origin or Sec-Fetch-Site header (send it from the browser, or use an API token)");
  if (opts.requireJson === false) return;
  // Any declared type must be JSON (form and text/plain posts always declare one); no type is fine only without a body.
  const type = req.headers.get("content-type");
  const length = req.headers.get("content-length");
  const hasBody = (length !== null && length !== "0") || req.headers.has("transfer-encoding");
  const accepted = (t: string) => JSON_TYPE.test(t) || (opts.allowMultipart === true && MULTIPART_TYPE.test(t));
  if (type !== null ? !accepted(type) : hasBody) {
    const wanted = opts.allowMultipart ? "application/json or multipart/form-data" : "application/json";
    throw new ApiError(415, "unsupported_media_type", `request body must be ${wanted}, got "${req.headers.get("content-type") || "none"}"`);
  }
}
