import type { Query, QueryClient } from "@tanstack/react-query";
import { promqlKeys } from "./keys";

/**
 * If the page is still here this long after a leave cancelled its queries, the leave did not
 * happen (a link answered as a download, a prompt the user stayed on): those queries run again.
 */
export const STAYED_REFETCH_MS = 10_000;

/**
 * The queries that run PromQL upstream (panels, Explore: keys under `promqlKeys.datasource(id)`),
 * the ones a slow upstream holds open. Others (the dashboard, the datasource list, settings) may be
 * shared with the next page and are left alone.
 */
function isUpstreamQuery(q: Query): boolean {
  const [root, kind] = q.queryKey;
  return root === promqlKeys.all[0] && kind === promqlKeys.datasource("")[1];
}

const upstreamInFlight = (client: QueryClient): Set<Query> =>
  new Set(client.getQueryCache().findAll({ fetchStatus: "fetching", predicate: isUpstreamQuery }));

/** Whether this click follows a link to another page of this app (a client-side navigation). */
export function leavesForAnotherPage(event: MouseEvent, location: Location): boolean {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const anchor = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href]") : null;
  if (!anchor || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return false;
  const url = new URL(anchor.href, location.href);
  // Another origin is a full navigation: beforeunload covers it. The same page only changes the view.
  return url.origin === location.origin && url.pathname !== location.pathname;
}

/**
 * Leaving the page cancels its PromQL queries in flight at once (React Query aborts their fetches, and the
 * proxy aborts the upstream requests), instead of when the next page replaces this one. That used
 * to take seconds: the browser keeps at most six connections per host, so while slow panel
 * queries held them, the next page's own request waited for one (issue 10, cancellation).
 *
 * - A full navigation (address bar, reload, external link): `beforeunload`, unless a guard
 *   prevented it (the unsaved-changes prompt listens in the capture phase, so it runs first).
 * - A client-side navigation (next/link): the click, seen on window after it bubbled, i.e. after
 *   the unsaved-changes guard (which stops it when the user stays) and next/link's own handler.
 */
export function cancelQueriesOnLeave(client: QueryClient, win: Window = window): () => void {
  let stayTimer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    const cancelled = upstreamInFlight(client);
    if (!cancelled.size) return;
    void client.cancelQueries({ predicate: (q) => cancelled.has(q) });
    clearTimeout(stayTimer);
    stayTimer = setTimeout(() => void client.refetchQueries({ predicate: (q) => cancelled.has(q), type: "active" }), STAYED_REFETCH_MS);
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!event.defaultPrevented) cancel();
  };
  const onClick = (event: MouseEvent) => {
    if (leavesForAnotherPage(event, win.location)) cancel();
  };
  win.addEventListener("beforeunload", onBeforeUnload);
  win.addEventListener("click", onClick);
  return () => {
    clearTimeout(stayTimer);
    win.removeEventListener("beforeunload", onBeforeUnload);
    win.removeEventListener("click", onClick);
  };
}

/**
 * Cancels the PromQL queries in flight right now (their fetches abort at once), for a change that
 * makes them obsolete (a new time range, a new Explore run) before the page has re-rendered with
 * it: on a busy machine that render can take seconds, and until it commits the old queries keep
 * their observers. Returns `resume`: call it after that render committed, and the cancelled
 * queries some component still observes (their key did not change) run again.
 */
export function cancelPromqlInFlight(client: QueryClient): () => void {
  const inFlight = upstreamInFlight(client);
  if (!inFlight.size) return () => {};
  void client.cancelQueries({ predicate: (q) => inFlight.has(q) });
  // cancelRefetch false: one already running again (e.g. invalidated meanwhile) is left alone.
  return () => void client.refetchQueries({ predicate: (q) => inFlight.has(q), type: "active" }, { cancelRefetch: false });
}

/**
 * Runs `work` (the URL change that re-renders the page) in a task of its own, after the caller's.
 * React renders a click's updates before the click's task ends, and on a starved CPU that render
 * took over a second, during which the fetches just aborted were still seen open at the upstream
 * (issue 10: 1.37 s for a range change). Deferred, the aborts are not queued behind the render.
 */
export function afterAbortsSent(work: () => void): void {
  setTimeout(work, 0);
}
