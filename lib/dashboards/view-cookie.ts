import * as z from "zod/mini";

// What a browser last measured of a dashboard's grid, kept in a cookie so the next dashboard page's
// server render can plan the first screen's panel queries as the page will (lib/dashboards/early-queries.ts).
// Nothing in it is secret or trusted: a wrong value only means the page sends its own queries.
// zod/mini: the page writes it (encode), the server parses it.

/** The cookie's name. */
export const VIEW_COOKIE = "orrery_view";
/** Kept for a year; rewritten on each dashboard view. */
export const VIEW_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

const px = (max: number) => z.number().check(z.int(), z.minimum(-max), z.maximum(max));

export const viewCookieSchema = z.object({
  /** The grid container's width, CSS px. */
  gridWidth: z.number().check(z.int(), z.minimum(1), z.maximum(20_000)),
  /** The grid's top relative to the viewport when measured, CSS px. */
  gridTop: px(100_000),
  /** The viewport (window.innerWidth/innerHeight), CSS px. */
  innerWidth: z.number().check(z.int(), z.minimum(1), z.maximum(20_000)),
  innerHeight: z.number().check(z.int(), z.minimum(1), z.maximum(20_000)),
  /** window.devicePixelRatio. */
  dpr: z.number().check(z.minimum(0.25), z.maximum(8)),
  /** The browser's IANA time zone (Intl), "" when unknown. */
  timeZone: z.string().check(z.maxLength(64), z.regex(/^[A-Za-z0-9_+\-/]*$/)),
});
export type ViewCookie = z.infer<typeof viewCookieSchema>;

const VERSION = "v1";

/** The cookie's value: `v1.<gridWidth>.<gridTop>.<innerWidth>.<innerHeight>.<dpr × 100>.<timeZone>` (cookie-safe characters only). */
export function encodeViewCookie(v: ViewCookie): string {
  return [VERSION, v.gridWidth, v.gridTop, v.innerWidth, v.innerHeight, Math.round(v.dpr * 100), encodeURIComponent(v.timeZone)].join(".");
}

/** The cookie's value read back, or null when it is absent, of another version or wrong anywhere. */
export function parseViewCookie(value: string | undefined): ViewCookie | null {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 7 || parts[0] !== VERSION) return null;
  let timeZone: string;
  try {
    timeZone = decodeURIComponent(parts[6]!);
  } catch {
    return null;
  }
  const num = (s: string | undefined) => (s !== undefined && /^-?\d{1,6}$/.test(s) ? Number(s) : Number.NaN);
  const parsed = viewCookieSchema.safeParse({
    gridWidth: num(parts[1]),
    gridTop: num(parts[2]),
    innerWidth: num(parts[3]),
    innerHeight: num(parts[4]),
    dpr: num(parts[5]) / 100,
    timeZone,
  });
  return parsed.success ? parsed.data : null;
}

/** The `document.cookie` assignment that stores `v` (SameSite=Lax, for the whole app). */
export function viewCookieAssignment(v: ViewCookie, secure: boolean): string {
  return `${VIEW_COOKIE}=${encodeViewCookie(v)}; Path=/; Max-Age=${VIEW_COOKIE_MAX_AGE_S}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
