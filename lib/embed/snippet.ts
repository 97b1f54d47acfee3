import type { EmbedClaims } from "@/lib/auth/embed-claims";
import { escapeHtml } from "@/lib/html/escape";

export interface SoloPathInput {
  uid: string;
  slug: string;
  panelId: number;
  /** The time policy and pinned variables go into the URL so the iframe starts inside the token's limits. */
  claims: Pick<EmbedClaims, "time" | "vars">;
  token?: string;
  theme?: "light" | "dark";
  refresh?: string;
}

function spanText(seconds: number): string {
  for (const [unit, s] of [["d", 86_400], ["h", 3600], ["m", 60]] as const) if (seconds % s === 0) return `${seconds / s}${unit}`;
  return `${seconds}s`;
}

/** `/d-solo/<uid>/<slug>?panelId=…&from&to&var-*&theme&refresh&token`, Grafana's shape. */
export function soloPath(input: SoloPathInput): string {
  const q = new URLSearchParams({ panelId: String(input.panelId) });
  if (input.claims.time.mode === "fixed") {
    q.set("from", String(input.claims.time.fromMs));
    q.set("to", String(input.claims.time.toMs));
  } else {
    q.set("from", `now-${spanText(input.claims.time.maxSpanSeconds)}`);
    q.set("to", "now");
  }
  for (const [name, values] of Object.entries(input.claims.vars)) q.append(`var-${name}`, values[0]!);
  if (input.theme) q.set("theme", input.theme);
  if (input.refresh) q.set("refresh", input.refresh);
  if (input.token) q.set("token", input.token);
  return `/d-solo/${encodeURIComponent(input.uid)}/${encodeURIComponent(input.slug || "dashboard")}?${q}`;
}

/** The `<iframe>` HTML to paste into another site; every attribute value is escaped. */
export function embedIframe(input: { src: string; width: number; height: number; title: string }): string {
  return `<iframe src="${escapeHtml(input.src)}" width="${input.width}" height="${input.height}" title="${escapeHtml(input.title)}" frameborder="0" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
}
