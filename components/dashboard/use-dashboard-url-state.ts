"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import type { Dashboard } from "@/lib/dashboards/schema";
import { addressMovedOn, decodeDashboardUrlState, encodeDashboardUrlState, type DashboardUrlState } from "@/lib/dashboards/url-state";
import { UrlWriteQueue } from "@/lib/dashboards/url-state-writes";
import { afterAbortsSent, cancelPromqlInFlight } from "@/lib/promql/cancel-on-leave";

/** A change of the view: fields to set, or a function of the latest view (a value the user picks among several). */
export type DashboardUrlChange = Partial<DashboardUrlState> | ((latest: DashboardUrlState) => Partial<DashboardUrlState>);

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

  // The page's own writes, in order until rendered (lib/dashboards/url-state-writes): under load a
  // render lags its history write by seconds, and a change built on the rendered URL, or a replace
  // computed from it, would undo a choice made meanwhile.
  const writes = useRef<UrlWriteQueue | null>(null);
  writes.current ??= new UrlWriteQueue(({ url, mode }) => {
    if (mode === "push") {
      setLanding(null);
      window.history.pushState(null, "", url);
    } else window.history.replaceState(null, "", url);
  });
  const rendered = `${pathname}?${searchText}`;
  // Before any effect of this commit (passive ones may write back the rendered view).
  useLayoutEffect(() => writes.current!.rendered(rendered, `${window.location.pathname}${window.location.search}`), [rendered]);

  // A new time range makes every query in flight obsolete: cancelled at the user's action, not once
  // the page has re-rendered (seconds under load); queries whose key survives run again after it.
  const client = useQueryClient();
  const resume = useRef<(() => void) | null>(null);
  useEffect(() => {
    // Child effects ran first: the panels now observe the new range's queries.
    resume.current?.();
    resume.current = null;
  }, [searchText]);

  const update = useCallback(
    (change: DashboardUrlChange, mode: "push" | "replace" = "push") => {
      const queue = writes.current;
      if (!dashboard || !decoded || !queue) return;
      // A replace is computed from this render's URL (the page canonicalising what it shows): not
      // once something else moved the address bar on (the queue drops it while its own writes are pending).
      if (mode === "replace" && addressMovedOn({ pathname, search: searchText }, window.location)) return;
      const latest = queue.latest(rendered);
      const base = latest === rendered ? decoded.state : decodeDashboardUrlState(latest.slice(latest.indexOf("?") + 1), dashboard, { minRefresh }).state;
      const delta = typeof change === "function" ? change(base) : change;
      const write = { url: `${pathname}?${encodeDashboardUrlState({ ...base, ...delta }, dashboard).toString()}`, mode };
      if (!delta.time || (delta.time.from === base.time.from && delta.time.to === base.time.to)) {
        queue.submit(write, rendered);
        return;
      }
      // The URL change re-renders the whole dashboard, synchronously within this (click) task; on a
      // busy CPU that took over a second, and the aborts were seen leaving only after it. Apply it
      // in the next task, so the cancelled requests leave first.
      if (!queue.submit(write, rendered, afterAbortsSent)) return;
      resume.current?.();
      resume.current = cancelPromqlInFlight(client);
    },
    [client, dashboard, decoded, pathname, searchText, rendered, minRefresh],
  );
  return { state: decoded?.state ?? null, notices, update };
}
