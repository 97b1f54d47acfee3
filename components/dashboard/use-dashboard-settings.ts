"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchSettings, settingsKeys } from "@/lib/dashboards/settings";
import { MIN_REFRESH_INTERVAL } from "@/lib/dashboards/time";

/**
 * The server's dashboard settings (GET /api/settings). `ready` once they have loaded, or failed:
 * then Grafana's default minimum (5s) applies, so a broken settings route never blocks a dashboard.
 */
export function useDashboardSettings(): { minRefresh: string; ready: boolean } {
  const settings = useQuery({ queryKey: settingsKeys.all, queryFn: ({ signal }) => fetchSettings(signal), staleTime: Infinity, retry: 1 });
  return { minRefresh: settings.data?.dashboards.minRefreshInterval ?? MIN_REFRESH_INTERVAL, ready: settings.isSuccess || settings.isError };
}
