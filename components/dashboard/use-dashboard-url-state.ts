"use client";

import { useCallback, useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { Dashboard } from "@/lib/dashboards/schema";
import { decodeDashboardUrlState, encodeDashboardUrlState, type DashboardUrlState } from "@/lib/dashboards/url-state";

/**
 * The dashboard's view lives in the URL (Grafana's shape: from, to, timezone, var-x, refresh,
 * viewPanel, kiosk). Changes push a history entry, so back and forward move between views.
 */
export function useDashboardUrlState(dashboard: Dashboard | undefined) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const searchText = search.toString();
  const decoded = useMemo(() => (dashboard ? decodeDashboardUrlState(searchText, dashboard) : null), [dashboard, searchText]);

  const update = useCallback(
    (change: Partial<DashboardUrlState>, mode: "push" | "replace" = "push") => {
      if (!dashboard || !decoded) return;
      const next = encodeDashboardUrlState({ ...decoded.state, ...change }, dashboard).toString();
      if (next === searchText) return;
      const url = `${pathname}?${next}`;
      if (mode === "push") router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [dashboard, decoded, pathname, router, searchText],
  );
  return { state: decoded?.state ?? null, notices: decoded?.notices ?? [], update };
}
