"use client";

import { useEffect, useState } from "react";
import { useSearchParams } from "next/navigation";
import { decodeExploreState, encodeExploreState, type ExploreState } from "@/lib/explore/url-state";

export interface ExploreUrlState {
  state: ExploreState;
  setState: (next: ExploreState) => void;
  /** Changes when the URL changed under us (a link to /explore, back/forward): reset local state. */
  generation: number;
}

/**
 * Explore state, read from the URL once and written back on every change (replaceState, so editing
 * a query does not flood the history). Navigations we did not make replace the state.
 */
export function useExploreUrlState(): ExploreUrlState {
  const search = useSearchParams().toString();
  const [tracked, setTracked] = useState(() => ({ search, state: decodeExploreState(search), generation: 0 }));

  // Adjusting state while rendering, as React documents for "props changed" (no extra effect pass).
  if (search !== tracked.search) {
    const ours = search === encodeExploreState(tracked.state);
    setTracked(
      ours
        ? { ...tracked, search }
        : { search, state: decodeExploreState(search), generation: tracked.generation + 1 },
    );
  }

  useEffect(() => {
    const encoded = encodeExploreState(tracked.state);
    if (window.location.search.replace(/^\?/, "") !== encoded) {
      // Next integrates replaceState with useSearchParams and does not refetch the page for it.
      window.history.replaceState(null, "", `${window.location.pathname}?${encoded}`);
    }
  }, [tracked.state]);

  return {
    state: tracked.state,
    setState: (next) => setTracked((t) => ({ ...t, state: next })),
    generation: tracked.generation,
  };
}
