// The browser's own IANA time zone, as cheaply as the engine allows (issue 7 B5).

interface TemporalNow {
  Now?: { timeZoneId?: () => unknown };
}

/** Temporal's answer ("Europe/Paris"), or null when the engine has no Temporal. Costs next to nothing. */
export function temporalTimeZone(): string | null {
  try {
    const id = (globalThis as { Temporal?: TemporalNow }).Temporal?.Now?.timeZoneId?.();
    return typeof id === "string" && id !== "" ? id : null;
  } catch {
    return null;
  }
}

/**
 * Intl's answer, "" when the engine cannot tell. The first `Intl.DateTimeFormat` of a page sets up
 * ICU's date formatting: 35–300 ms measured in a fresh Chromium page on this 2-core machine (and the
 * only one a dashboard's load made), so callers on a page's critical path ask Temporal first.
 */
export function intlTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    return "";
  }
}

/**
 * Calls `give` with the browser's zone: now when Temporal knows it, else from Intl once the main
 * thread is idle (at most `maxWaitMs` later), so that cost is not paid in the task that asked.
 */
export function withBrowserTimeZone(give: (zone: string) => void, maxWaitMs = 2_000): void {
  const now = temporalTimeZone();
  if (now !== null) {
    give(now);
    return;
  }
  const later = () => give(intlTimeZone());
  if (typeof requestIdleCallback === "function") requestIdleCallback(later, { timeout: maxWaitMs });
  else setTimeout(later, 0);
}
