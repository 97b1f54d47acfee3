// Security headers of every page (set per request in proxy.ts, with a fresh nonce) and of the API
// (static, next.config.js). Pure so tests can check each route's policy without a server.

/** Pages that may be framed by the configured origins: the solo-panel embeds. */
export function isEmbedPath(pathname: string): boolean {
  return pathname === "/d-solo" || pathname.startsWith("/d-solo/");
}

export interface PageCspInput {
  nonce: string;
  pathname: string;
  /** `auth.embed.allowedOrigins`: who may frame /d-solo besides ourselves. */
  allowedOrigins: readonly string[];
  /** `next dev` needs eval for React's debugging; production never does. */
  dev: boolean;
}

/**
 * The Content-Security-Policy of a page: scripts only with this request's nonce (Next puts it on
 * its own scripts when the request's CSP header carries it; 'strict-dynamic' lets them load the
 * page's chunks), inline styles allowed (ECharts and CodeMirror set style attributes and <style>),
 * everything else from our origin. Framing: `/d-solo/**` by 'self' and the allowlist, every
 * other page by nobody.
 */
export function pageContentSecurityPolicy(input: PageCspInput): string {
  const ancestors = isEmbedPath(input.pathname) ? ["'self'", ...input.allowedOrigins].join(" ") : "'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${input.nonce}' 'strict-dynamic'${input.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
}

/** Every header a page response carries besides the CSP. Embeds send no referrer to the framed data's origin. */
export function pageSecurityHeaders(pathname: string): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": isEmbedPath(pathname) ? "no-referrer" : "strict-origin-when-cross-origin",
  };
}

/** The API's policy: JSON is never a document to render or frame. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A CSP nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
