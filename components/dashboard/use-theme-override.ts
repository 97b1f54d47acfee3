"use client";

import { useEffect } from "react";
import type { UrlTheme } from "@/lib/dashboards/url-state";
import { applyTheme, preferredTheme } from "@/components/ui/theme-toggle";

/**
 * Grafana's `&theme=light|dark`: a dashboard link (or an embed) shows that theme whatever the
 * viewer stored, without changing what they stored; leaving the dashboard, or a link without the
 * parameter, shows their own again. The layout's pre-paint script applies it on a full load.
 */
export function useThemeOverride(theme: UrlTheme | null): void {
  useEffect(() => {
    if (theme === null) return;
    applyTheme(theme);
    return () => applyTheme(preferredTheme());
  }, [theme]);
}
