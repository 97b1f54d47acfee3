"use client";

import { useCallback, useEffect, useState } from "react";
import { refreshIntervalMs } from "@/lib/dashboards/time";

/**
 * "now" for the whole dashboard, fixed between ticks so query keys stay stable: a tick on load,
 * on every auto-refresh interval, and when the user presses refresh. While the tab is hidden
 * (`document.visibilityState`) auto-refresh ticks are skipped; one missed tick or more refresh
 * once when the tab is visible again.
 */
export function useRefreshTick(refresh: string): { nowMs: number; refreshNow: () => void } {
  const [nowMs, setNowMs] = useState(() => Date.now());
  const refreshNow = useCallback(() => setNowMs(Date.now()), []);
  useEffect(() => {
    const every = refreshIntervalMs(refresh);
    if (!every) return;
    let missed = false;
    const timer = setInterval(() => {
      if (document.visibilityState === "hidden") missed = true;
      else setNowMs(Date.now());
    }, every);
    const onVisibility = () => {
      if (document.visibilityState !== "visible" || !missed) return;
      missed = false;
      setNowMs(Date.now());
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [refresh]);
  return { nowMs, refreshNow };
}
