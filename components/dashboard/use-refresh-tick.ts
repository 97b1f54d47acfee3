"use client";

import { useCallback, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { refreshIntervalMs } from "@/lib/dashboards/time";
import { promqlKeys } from "@/lib/promql/keys";

/** Within this of the clock, the server's "now" is the page's first one (a page restored from a cache is not). */
export const INITIAL_NOW_MAX_AGE_MS = 60_000;

/**
 * The page's first "now": the server's, when it gave one and it is recent, so the range the page
 * resolves (and so its panels' queries) is the one the server planned the early queries for
 * (lib/dashboards/early-queries.ts); else the clock's.
 */
export function firstNow(initialNowMs: number | undefined, clockMs = Date.now()): number {
  return initialNowMs !== undefined && Number.isFinite(initialNowMs) && Math.abs(clockMs - initialNowMs) <= INITIAL_NOW_MAX_AGE_MS ? initialNowMs : clockMs;
}

/**
 * "now" for the whole dashboard, fixed between ticks so query keys stay stable: a tick on load,
 * on every auto-refresh interval, and when the user presses refresh. While the tab is hidden
 * (`document.visibilityState`) auto-refresh ticks are skipped; one missed tick or more refresh
 * once when the tab is visible again. Pressing refresh re-runs every query on the page, as in
 * Grafana: step-aligned keys may not change within one step, and a panel must neither stay on an old
 * error once its upstream is back nor hide a new one.
 */
export function useRefreshTick(refresh: string, initialNowMs?: number): { nowMs: number; refreshNow: () => void } {
  const [nowMs, setNowMs] = useState(() => firstNow(initialNowMs));
  const client = useQueryClient();
  const [pressed, setPressed] = useState(0);
  const refreshNow = useCallback(() => {
    setNowMs(Date.now());
    setPressed((n) => n + 1);
  }, []);
  // After the panels rendered with the new "now" (child effects run first): queries whose key changed
  // are already fetching (left alone); the others run again.
  useEffect(() => {
    if (pressed > 0) void client.refetchQueries({ queryKey: promqlKeys.all, type: "active" }, { cancelRefetch: false });
  }, [pressed, client]);
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
