const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The URL if Markdown may link to it, else null: http(s), mailto and relative URLs only, so
 * `javascript:`, `data:`, `vbscript:` and the like (in any case, with any hidden whitespace or
 * control characters, entity-encoded or not, since the parser decodes first) never reach an href.
 */
export function safeMarkdownUrl(url: string): string | null {
  // Browsers ignore these inside a scheme ("java\tscript:"), so the check must too.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const colon = compact.indexOf(":");
  const firstDelimiter = compact.search(/[/?#]/);
  const hasScheme = colon !== -1 && (firstDelimiter === -1 || colon < firstDelimiter);
  if (!hasScheme) return url.trim();
  return ALLOWED_PROTOCOLS.has(compact.slice(0, colon + 1).toLowerCase()) ? url.trim() : null;
}

/** Whether a (safe) URL leaves the app, so it opens in a new tab without an opener. */
export function isExternalUrl(url: string): boolean {
  return /^(https?:)?\/\//i.test(url.trim());
}
