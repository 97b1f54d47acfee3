// Pure (no server-only): lib/config/schema.ts validates `topology.allow` with parseAllowPattern.

/**
 * One entry of `topology.allow`: `scheme://host[:port]`, where scheme is http or https, host is a
 * name, an IPv4 address, a bracketed IPv6 address, `*` (any host) or `*.domain` (any name below
 * domain, not domain itself), and port is a number or `*` (absent = the scheme's default port).
 */
export interface AllowPattern {
  scheme: "http" | "https";
  /** Canonical host (lower case, IDN as punycode, IPv6 bracketed) or, for `*.domain`, the suffix ".domain". */
  host: string;
  hostKind: "exact" | "any" | "suffix";
  /** Port number as a string, or "*". */
  port: string;
  source: string;
}

const DEFAULT_PORT = { http: "80", https: "443" } as const;
const PATTERN = /^(https?):\/\/(\[[0-9A-Fa-f:.]+\]|[^/:@?#[\]\\%\s]+)(?::(\d{1,5}|\*))?\/?$/;

// The host exactly as Node would connect to it: WHATWG URL parsing lower-cases, punycodes, decodes
// percent-escapes and canonicalises IPv4/IPv6 forms, so patterns and candidates compare alike.
function canonicalHost(host: string): string | undefined {
  try {
    const h = new URL(`http://${host}/`).hostname;
    const trimmed = h.endsWith(".") ? h.slice(0, -1) : h;
    if (!trimmed || trimmed.split(".").some((label) => label === "")) return undefined;
    return trimmed;
  } catch {
    return undefined;
  }
}

/** Parses one allowlist entry; throws an Error saying what is wrong with it. */
export function parseAllowPattern(source: string): AllowPattern {
  const m = PATTERN.exec(source.trim());
  if (!m) {
    throw new Error(`"${source}" must look like http://host:port or https://*.example.com (scheme, host, optional port or *; no path, credentials or query)`);
  }
  const scheme = m[1] as "http" | "https";
  const rawHost = m[2]!;
  const port = m[3] ?? DEFAULT_PORT[scheme];
  if (port !== "*" && (Number(port) < 1 || Number(port) > 65535)) throw new Error(`"${source}": port must be 1-65535 or *`);
  if (rawHost === "*") return { scheme, host: "*", hostKind: "any", port, source };
  if (rawHost.includes("*")) {
    if (!rawHost.startsWith("*.") || rawHost.slice(2).includes("*")) {
      throw new Error(`"${source}": a wildcard host must be * or *.domain (the * stands for whole leading labels)`);
    }
    const suffix = canonicalHost(rawHost.slice(2));
    if (!suffix || suffix.startsWith("[") || /^[\d.]+$/.test(suffix)) throw new Error(`"${source}": "${rawHost.slice(2)}" is not a domain name`);
    return { scheme, host: `.${suffix}`, hostKind: "suffix", port, source };
  }
  const host = canonicalHost(rawHost);
  if (!host) throw new Error(`"${source}": "${rawHost}" is not a valid host`);
  return { scheme, host, hostKind: "exact", port, source };
}

/** Parses every entry; throws naming the first bad one. */
export function parseAllowlist(entries: readonly string[]): AllowPattern[] {
  return entries.map(parseAllowPattern);
}

/** Scheme, canonical host and port of a URL Orrery might request, or undefined when it must never be requested. */
export function requestTarget(url: string): { scheme: "http" | "https"; host: string; port: string; origin: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
  // A URL carrying credentials was written by someone else for someone else: never replay it.
  if (u.username || u.password) return undefined;
  const scheme = u.protocol === "http:" ? "http" : "https";
  const host = canonicalHost(u.hostname);
  if (!host) return undefined;
  const port = u.port || DEFAULT_PORT[scheme];
  return { scheme, host, port, origin: `${scheme}://${host}:${port}` };
}

function hostMatches(p: AllowPattern, host: string): boolean {
  if (p.hostKind === "any") return true;
  if (p.hostKind === "exact") return p.host === host;
  // "*.example.com" matches "a.example.com" and "a.b.example.com"; never "example.com" or "evilexample.com".
  return !host.startsWith("[") && host.length > p.host.length && host.endsWith(p.host);
}

/** The pattern allowing this URL (same scheme, host glob and port), or undefined. */
export function allowedBy(url: string, patterns: readonly AllowPattern[]): AllowPattern | undefined {
  const t = requestTarget(url);
  if (!t) return undefined;
  return patterns.find((p) => p.scheme === t.scheme && (p.port === "*" || p.port === t.port) && hostMatches(p, t.host));
}
