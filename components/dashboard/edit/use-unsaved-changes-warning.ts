"use client";

import { useEffect } from "react";

export const UNSAVED_CHANGES_MESSAGE = "This dashboard has unsaved changes. Leave and lose them?";

function leavingLink(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href]") : null;
  if (!anchor || anchor.target === "_blank" || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href, window.location.href);
  // A link to this same page only changes the view (time range, variables): the edits survive it.
  return url.origin === window.location.origin && url.pathname === window.location.pathname ? null : anchor;
}

/**
 * While `dirty`, asks before the page is left: the browser's own prompt on reload, close or an
 * external URL (beforeunload), and a confirm on in-app links, whose client-side navigation
 * beforeunload does not see. Back/forward between app pages is not caught.
 */
export function useUnsavedChangesWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // older browsers need returnValue set to show the prompt
    };
    // Capture on document runs before React's root listener, i.e. before next/link navigates.
    const onClick = (event: MouseEvent) => {
      if (!leavingLink(event) || window.confirm(UNSAVED_CHANGES_MESSAGE)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
}
