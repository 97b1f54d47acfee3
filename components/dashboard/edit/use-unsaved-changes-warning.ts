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

/** The part of the Navigation API used here (Chromium; not in every TypeScript DOM lib yet). */
interface TraverseEvent extends Event {
  navigationType: "push" | "replace" | "reload" | "traverse";
  destination: { url: string };
}

function navigationApi(): EventTarget | null {
  const nav = (window as unknown as { navigation?: EventTarget }).navigation;
  return nav && typeof nav.addEventListener === "function" ? nav : null;
}

/**
 * Back/forward to another page, asked before it happens: the Navigation API's `navigate` event
 * comes before a traversal and can be cancelled. (popstate cannot do this: it comes after the
 * URL has changed, and the App Router's own listener, added first, has already started to
 * navigate away.) Browsers without the Navigation API get beforeunload and the link guard only.
 */
function guardTraversals(): () => void {
  const nav = navigationApi();
  if (!nav) return () => {};
  const onNavigate = (event: Event) => {
    const e = event as TraverseEvent;
    if (e.navigationType !== "traverse" || !e.cancelable) return;
    // Within the dashboard, back/forward only change the view: the edits survive it.
    if (new URL(e.destination.url).pathname === window.location.pathname) return;
    if (!window.confirm(UNSAVED_CHANGES_MESSAGE)) e.preventDefault();
  };
  nav.addEventListener("navigate", onNavigate);
  return () => nav.removeEventListener("navigate", onNavigate);
}

/**
 * While `dirty`, asks before the page is left: the browser's own prompt on reload, close or an
 * external URL (beforeunload); a confirm on in-app links, whose client-side navigation
 * beforeunload does not see; and a confirm on back/forward to another page (guardTraversals).
 * Back and forward within the dashboard only change the view, so they pass.
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
    // Capture, so it runs before lib/promql/cancel-on-leave.ts's listener, which keeps the page's
    // queries running when this prompt is shown.
    window.addEventListener("beforeunload", onBeforeUnload, true);
    document.addEventListener("click", onClick, true);
    const unguard = guardTraversals();
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload, true);
      document.removeEventListener("click", onClick, true);
      unguard();
    };
  }, [dirty]);
}
