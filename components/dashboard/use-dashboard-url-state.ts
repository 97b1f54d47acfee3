"use client";

import { useCallback, useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { Dashboard } from "@/lib/dashboards/schema";
import { decodeDashboardUrlState, encodeDashboardUrlState, type DashboardUrlState } from "@/lib/dashboards/url-state";

export interface DashboardUrlSettings {
  /** The server's minimum refresh interval. */
  minRefresh: string;
  /** False until the settings are known. */
  ready: boolean;
}

/**
 * The dashboard's view lives in the URL (Grafana's shape: from, to, timezone, var-x, refresh,
 * viewPanel, kiosk, theme). Changes push a history entry, so back and forward move between views.
 * Null until the server's settings are known: the refresh allowed depends on its minimum.
 */
export function useDashboardUrlState(dashboard: Dashboard | undefined, settings: DashboardUrlSettings) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const searchText = search.toString();
  const { minRefresh, ready } = settings;
  const decoded = useMemo(() => (dashboard && ready ? decodeDashboardUrlState(searchText, dashboard, { minRefresh }) : null), [dashboard, searchText, minRefresh, ready]);
  // The page soon rewrites the URL it was opened with (replace, with the corrected values), which
  // would hide the notices at once; keep the landing URL's notices until the user changes the view.
  const [landing, setLanding] = useState<string | null>(searchText);
  const landingNotices = useMemo(
    () => (dashboard && ready && landing !== null && landing !== searchText ? decodeDashboardUrlState(landing, dashboard, { minRefresh }).notices : []),
    [dashboard, ready, landing, searchText, minRefresh],
  );
  const notices = useMemo(() => [...new Set([...landingNotices, ...(decoded?.notices ?? [])])], [landingNotices, decoded]);

  const update = useCallback(
    (change: Partial<DashboardUrlState>, mode: "push" | "replace" = "push") => {
      if (!dashboard || !decoded) return;
      if (mode === "push") setLanding(null);
      const next = encodeDashboardUrlState({ ...decoded.state, ...change }, dashboard).toString();
      if (next === searchText) return;
      const url = `${pathname}?${next}`;
      if (mode === "push") router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [dashboard, decoded, pathname, router, searchText],
  );
  return { state: decoded?.state ?? null, notices, update };
}
