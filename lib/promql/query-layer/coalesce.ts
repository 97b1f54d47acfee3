/**
 * Identical work in flight at the same time runs once: the first caller starts it, later callers
 * with the same key share its promise. The work gets an AbortSignal that fires only when every
 * caller waiting on it has gone, so one client leaving never fails the others.
 */
export class Coalescer<T> {
  private readonly inflight = new Map<string, { promise: Promise<T>; waiters: number; controller: AbortController }>();

  get pending(): number {
    return this.inflight.size;
  }

  /** Callers waiting on work in flight, over all keys. */
  get waiters(): number {
    let n = 0;
    for (const e of this.inflight.values()) n += e.waiters;
    return n;
  }

  /** Whether work for `key` is in flight (a new caller would share it). */
  has(key: string): boolean {
    return this.inflight.has(key);
  }

  run(key: string, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let entry = this.inflight.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: { promise: Promise<T>; waiters: number; controller: AbortController } = {
        promise: Promise.resolve(),
        waiters: 0,
        controller,
      } as never;
      created.promise = (async () => {
        try {
          return await work(controller.signal);
        } finally {
          if (this.inflight.get(key) === created) this.inflight.delete(key);
        }
      })();
      // Each waiter handles the outcome on its own; once every waiter has left, nobody does.
      created.promise.catch(() => {});
      this.inflight.set(key, created);
      entry = created;
    }
    const shared = entry;
    shared.waiters++;
    if (!signal) return shared.promise.finally(() => shared.waiters--);
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const onAbort = () => {
        if (done) return;
        done = true;
        shared.waiters--;
        if (shared.waiters === 0) {
          // Nobody waits any more: a caller arriving now starts fresh work instead of joining (and
          // failing with) this aborted one, which may still be queued for a concurrency slot.
          if (this.inflight.get(key) === shared) this.inflight.delete(key);
          shared.controller.abort();
        }
        reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      shared.promise.then(
        (v) => {
          if (done) return;
          done = true;
          shared.waiters--;
          signal.removeEventListener("abort", onAbort);
          resolve(v);
        },
        (e) => {
          if (done) return;
          done = true;
          shared.waiters--;
          signal.removeEventListener("abort", onAbort);
          reject(e);
        },
      );
    });
  }
}

/** At most `limit` tasks at once; the rest wait in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** With `signal`, a task still waiting for a slot leaves the queue when it aborts (rejecting with `onAbort()`). */
  async use<T>(task: () => Promise<T>, signal?: AbortSignal, onAbort?: () => Error): Promise<T> {
    const aborted = () => (onAbort ? onAbort() : new Error("aborted"));
    if (signal?.aborted) throw aborted();
    // A released slot is handed to the next waiter directly, so a newcomer can never overtake it.
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener("abort", leave);
          resolve();
        };
        const leave = () => {
          const i = this.queue.indexOf(grant);
          if (i >= 0) this.queue.splice(i, 1);
          reject(aborted());
        };
        this.queue.push(grant);
        signal?.addEventListener("abort", leave, { once: true });
      });
    } else this.active++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Runs `fn` over `items` with at most `limit` at once, keeping the order of results. */
export async function mapBounded<I, O>(items: readonly I[], limit: number, fn: (item: I) => Promise<O>): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
