"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import type { Dashboard } from "@/lib/dashboards/schema";
import { addressMovedOn, decodeDashboardUrlState, encodeDashboardUrlState, type DashboardUrlState } from "@/lib/dashboards/url-state";
import { afterAbortsSent, cancelPromqlInFlight } from "@/lib/promql/cancel-on-leave";

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
 *
 * The view is client state only (the page's server component never reads the query string), so
 * changes go through `window.history.pushState/replaceState`, which Next integrates with
 * `useSearchParams` without a server round trip. `router.push` would first fetch an RSC payload,
 * which behind the browser's six connections per host (held by slow panel queries) took seconds;
 * meanwhile the old range's queries stayed in flight (cancellation, issue 10).
 */
export function useDashboardUrlState(dashboard: Dashboard | undefined, settings: DashboardUrlSettings) {
  const search = useSearchParams();
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

  // A new time range makes every query in flight obsolete: cancelled at the user's action, not once
  // the page has re-rendered (seconds under load); queries whose key survives run again after it.
  const client = useQueryClient();
  const resume = useRef<(() => void) | null>(null);
  const scheduled = useRef<string | null>(null);
  useEffect(() => {
    // Child effects ran first: the panels now observe the new range's queries.
    resume.current?.();
    resume.current = null;
  }, [searchText]);

  const update = useCallback(
    (change: Partial<DashboardUrlState>, mode: "push" | "replace" = "push") => {
      if (!dashboard || !decoded) return;
      // A replace is computed from this render's URL (the page canonicalising what it shows). If the
      // address bar has moved on since (a synchronous pushState whose render is still pending: the
      // user just picked a value), it would undo that change; the next render computes it afresh.
      if (mode === "replace" && addressMovedOn({ pathname, search: searchText }, window.location)) return;
      const next = encodeDashboardUrlState({ ...decoded.state, ...change }, dashboard).toString();
      // Also against the address bar (and a change still to be applied): two updates before the next render see the same searchText.
      if (next === searchText || `?${next}` === window.location.search || next === scheduled.current) return;
      const url = `${pathname}?${next}`;
      const apply = () => {
        if (scheduled.current === next) scheduled.current = null;
        // Deferred (below), the address bar may have moved on meanwhile: the same rule as above.
        if (mode === "replace" && addressMovedOn({ pathname, search: searchText }, window.location)) return;
        if (mode === "push") setLanding(null);
        if (mode === "push") window.history.pushState(null, "", url);
        else window.history.replaceState(null, "", url);
      };
      if (change.time && (change.time.from !== decoded.state.time.from || change.time.to !== decoded.state.time.to)) {
        resume.current?.();
        resume.current = cancelPromqlInFlight(client);
        // The URL change re-renders the whole dashboard, synchronously within this (click) task; on a
        // busy CPU that took over a second, and the aborts were seen leaving only after it. Apply it
        // in the next task, so the cancelled requests leave first.
        scheduled.current = next;
        afterAbortsSent(apply);
      } else apply();
    },
    [client, dashboard, decoded, pathname, searchText],
  );
  return { state: decoded?.state ?? null, notices, update };
}
