"use client";

import { useCallback, useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { decodeWhatIfState, encodeWhatIfState, type WhatIfUrlState } from "@/lib/knative/whatif/url-state";

export interface WhatIfUrl {
  state: WhatIfUrlState;
  /** Invalid `wi.*` values that were ignored, each naming its parameter. */
  notices: string[];
  setState: (next: WhatIfUrlState) => void;
}

/**
 * The what-if's settings and pinned range, kept in the page URL (`wi.*` parameters) so a what-if
 * can be shared. Writes keep every other parameter of the page (the view's own state).
 */
export function useWhatIfUrlState(): WhatIfUrl {
  const search = useSearchParams().toString();
  const { state, notices } = useMemo(() => decodeWhatIfState(search), [search]);
  const setState = useCallback((next: WhatIfUrlState) => {
    const encoded = encodeWhatIfState(next, window.location.search);
    if (window.location.search.replace(/^\?/, "") === encoded) return;
    // Next integrates replaceState with useSearchParams and does not refetch the page for it.
    window.history.replaceState(null, "", `${window.location.pathname}${encoded === "" ? "" : `?${encoded}`}`);
  }, []);
  return { state, notices, setState };
}
