/** One write of the dashboard's URL: a path with its query (`/d/abc/x?from=now-1h&to=now`). */
export interface UrlWrite {
  url: string;
  mode: "push" | "replace";
}

const normal = (url: string) => {
  const at = url.indexOf("?");
  return at < 0 ? url : `${url.slice(0, at)}?${new URLSearchParams(url.slice(at + 1)).toString()}`;
};

/**
 * The dashboard page's own URL writes, in order, from the moment they are asked for until a render
 * shows them. Next applies a history write in a transition, which on a busy CPU renders seconds
 * later (and meanwhile its router puts the older URL it commits back into the address bar), so
 * neither the rendered URL nor `window.location` is the view the user last asked for. A change is
 * built on `latest()`, the newest write not yet rendered; a replace (the page writing back the
 * values it resolved from the rendered URL) applies only once every write is rendered, or it would
 * undo a choice made meanwhile; a write asked for while a deferred one waits goes after it.
 */
export class UrlWriteQueue {
  /** Written or queued, not yet rendered; oldest first. */
  private pending: string[] = [];
  /** Asked for but not yet written: waiting for a deferred write (and those behind it). */
  private queued: UrlWrite[] | null = null;

  constructor(private readonly write: (write: UrlWrite) => void) {}

  /** The URL a change builds on: the newest write not yet rendered, else `rendered`. */
  latest(rendered: string): string {
    return this.pending.at(-1) ?? rendered;
  }

  /** Whether every write is rendered (a replace computed from the rendered URL may apply). */
  get settled(): boolean {
    return this.pending.length === 0;
  }

  /**
   * Writes `write` now; after the writes still waiting, if any; or, with `defer`, once `defer`
   * calls back (the queue's later writes go after it). A replace while writes are pending is
   * dropped (false), as is a write of the URL already latest.
   */
  submit(write: UrlWrite, rendered: string, defer?: (flush: () => void) => void): boolean {
    const url = normal(write.url);
    if (write.mode === "replace" && !this.settled) return false;
    if (url === normal(this.latest(rendered))) return false;
    this.pending.push(url);
    const next = { ...write, url };
    if (this.queued) {
      this.queued.push(next);
    } else if (defer) {
      this.queued = [next];
      defer(() => this.flush());
    } else this.write(next);
    return true;
  }

  /**
   * A render shows `url` (call once per change of the rendered URL, with the address bar's path and
   * query then). The writes up to it are shown; a URL the page never wrote (back, forward, a link)
   * supersedes those still pending. When a render of an older write leaves the address bar on it
   * while a newer one was already written, Next's router has put the older URL back and may never
   * render the newer one (seen under a 6x CPU throttle: the pick made meanwhile was lost): the newest
   * write is written again, as a replace of the entry its push made.
   */
  rendered(url: string, address?: string): void {
    const at = this.pending.indexOf(normal(url));
    if (at < 0) {
      this.pending = (this.queued ?? []).map((w) => w.url);
      return;
    }
    this.pending.splice(0, at + 1);
    const newest = this.pending.at(-1);
    if (newest !== undefined && !this.queued && address !== undefined && normal(address) === normal(url)) this.write({ url: newest, mode: "replace" });
  }

  private flush(): void {
    const writes = this.queued ?? [];
    this.queued = null;
    for (const w of writes) this.write(w);
  }
}
