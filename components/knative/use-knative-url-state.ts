"use client";

import { useCallback, useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { decodeKnativeViewState, encodeKnativeViewState, type KnativeViewState } from "@/lib/knative/view/url-state";

/** The view's pickers and range, read from the URL and written back (replaceState; `wi.*` and others kept). */
export function useKnativeUrlState(): { state: KnativeViewState; setState: (next: KnativeViewState) => void } {
  const search = useSearchParams().toString();
  const state = useMemo(() => decodeKnativeViewState(search), [search]);
  const setState = useCallback((next: KnativeViewState) => {
    const encoded = encodeKnativeViewState(next, window.location.search);
    if (window.location.search.replace(/^\?/, "") === encoded) return;
    // Next integrates replaceState with useSearchParams and does not refetch the page for it.
    window.history.replaceState(null, "", `${window.location.pathname}?${encoded}`);
  }, []);
  return { state, setState };
}
