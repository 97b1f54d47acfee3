// zod/mini, not zod: this module ships to the browser (environment.md, "Keep zod out of client bundles").
import * as z from "zod/mini";
import type { OrreryConfig } from "@/lib/config/schema";
import { MIN_REFRESH_INTERVAL } from "./time";

/** GET /api/settings: the server settings the dashboard page needs. */
export const settingsResponseSchema = z.object({
  dashboards: z.object({ minRefreshInterval: z.string() }),
});
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;

/** What the browser may know of the configuration (nothing secret: no URLs, no credentials). */
export function publicSettings(config: Pick<OrreryConfig, "dashboards">): SettingsResponse {
  return { dashboards: { minRefreshInterval: config.dashboards?.minRefreshInterval ?? MIN_REFRESH_INTERVAL } };
}

export const settingsKeys = { all: ["settings"] as const };

/** GET /api/settings, parsed; a failure is a readable Error. */
export async function fetchSettings(signal?: AbortSignal): Promise<SettingsResponse> {
  const res = await fetch("/api/settings", { signal, headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`/api/settings failed with HTTP ${res.status}`);
  const parsed = settingsResponseSchema.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) throw new Error("Unexpected answer from /api/settings");
  return parsed.data;
}
