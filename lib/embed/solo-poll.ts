// The solo page's one query, polled: what React Query did for it (the embed page keeps React Query
// out of its bundle, ~13 KiB gzip of /d-solo's 340 KB budget, issue 7 B6). Plain TS with its clock
// and page visibility injected, so lib/embed/solo-poll.test.ts drives it without a browser.

/** What the page shows: the last answer (kept while the next one loads), the last failure, and whether a request is out. */
export interface SoloPollState<T> {
  data?: T;
  error?: Error;
  fetching: boolean;
}

export interface SoloPollEnv {
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** Whether the page is hidden (a background tab): refreshes wait until it is shown. */
  hidden: () => boolean;
  /** Calls `run` once the page is shown again; returns an unsubscribe. */
  onShown: (run: () => void) => () => void;
}

export interface SoloPollOptions<T> {
  fetch: (signal: AbortSignal) => Promise<T>;
  /** Fetch again this long after each answer; null: once. A failure stops the refreshes (its message stays). */
  refreshMs: number | null;
  /** Called with each change of state (a patch: fields not named keep their value). */
  update: (patch: Partial<SoloPollState<T>>) => void;
  env?: SoloPollEnv;
}

const browserEnv: SoloPollEnv = {
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  hidden: () => typeof document !== "undefined" && document.visibilityState === "hidden",
  onShown: (run) => {
    const listener = () => {
      if (document.visibilityState !== "hidden") run();
    };
    document.addEventListener("visibilitychange", listener);
    return () => document.removeEventListener("visibilitychange", listener);
  },
};

/**
 * Fetches now, then every `refreshMs` after each answer while the page is shown. Returns the stop
 * function: it aborts the request in flight and cancels what is scheduled (a new query's poll starts
 * with the previous answer still on screen, its error cleared).
 */
export function startSoloPoll<T>({ fetch, refreshMs, update, env = browserEnv }: SoloPollOptions<T>): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let timer: unknown = null;
  let unlisten: (() => void) | null = null;

  const run = () => {
    unlisten?.();
    unlisten = null;
    if (stopped) return;
    const own = new AbortController();
    controller = own;
    update({ fetching: true, error: undefined });
    fetch(own.signal).then(
      (data) => {
        if (stopped || own.signal.aborted) return;
        update({ data, error: undefined, fetching: false });
        if (refreshMs !== null && refreshMs > 0) timer = env.setTimer(tick, refreshMs);
      },
      (error: unknown) => {
        if (stopped || own.signal.aborted) return;
        update({ error: error instanceof Error ? error : new Error(String(error)), fetching: false });
      },
    );
  };
  const tick = () => {
    timer = null;
    if (stopped) return;
    // A hidden tab does not refresh; it fetches once when shown again.
    if (env.hidden()) unlisten = env.onShown(run);
    else run();
  };

  run();
  return () => {
    stopped = true;
    controller?.abort();
    if (timer !== null) env.clearTimer(timer);
    unlisten?.();
  };
}
