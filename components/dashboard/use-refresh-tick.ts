"use client";

import { useCallback, useEffect, useState } from "react";
import { refreshIntervalMs } from "@/lib/dashboards/time";

/**
 * "now" for the whole dashboard, fixed between ticks so query keys stay stable: a tick on load,
 * on every auto-refresh interval, and when the user presses refresh.
 */
export function useRefreshTick(refresh: string): { nowMs: number; refreshNow: () => void } {
  const [nowMs, setNowMs] = useState(() => Date.now());
  const refreshNow = useCallback(() => setNowMs(Date.now()), []);
  useEffect(() => {
    const every = refreshIntervalMs(refresh);
    if (!every) return;
    const timer = setInterval(() => setNowMs(Date.now()), every);
    return () => clearInterval(timer);
  }, [refresh]);
  return { nowMs, refreshNow };
}
