"use client";

import { useCallback, useEffect, useState } from "react";

/** A list loaded from the admin API, reloadable after each change; errors are kept for display. */
export function useAdminList<T>(load: () => Promise<T[]>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    load().then(
      (list) => (setItems(list), setError(null)),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [load]);
  useEffect(reload, [reload]);
  return { items, error, setError, reload };
}
