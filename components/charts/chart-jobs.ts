// The charts' draw queue. A dashboard's panels get their data within a few ms of each other, and each
// ECharts `init` + `setOption` draws synchronously (tens of ms for 20 × 720 points under load): run in
// one task, 20 panels block the main thread for most of a second. Queued here, they run in order,
// each task taking jobs only until a small time budget is spent, so input and frames get in between.

export interface ChartJobQueue {
  /** Queues `run` for `owner`; an owner still waiting keeps its place and only its latest job runs. */
  enqueue(owner: object, run: () => void): void;
  /** Drops the owner's waiting job, if any (e.g. its chart unmounted). */
  cancel(owner: object): void;
  /** Jobs waiting. */
  readonly size: number;
}

export interface ChartJobQueueOptions {
  /** Runs `task` in a later task of the event loop. */
  post: (task: () => void) => void;
  now: () => number;
  /** A task starts no further job once it has run this long. */
  budgetMs: number;
  /** Where a failing job's error goes (the queue itself carries on). */
  report: (error: unknown) => void;
}

export function createChartJobQueue(o: ChartJobQueueOptions): ChartJobQueue {
  const jobs = new Map<object, () => void>();
  let posted = false;
  const pump = () => {
    // `posted` stays set while the task runs: jobs queued by a running job wait in the Map, which this loop visits.
    const start = o.now();
    for (const [owner, run] of jobs) {
      jobs.delete(owner);
      try {
        run();
      } catch (error) {
        o.report(error);
      }
      if (o.now() - start >= o.budgetMs) break;
    }
    posted = false;
    schedule();
  };
  const schedule = () => {
    if (posted || jobs.size === 0) return;
    posted = true;
    o.post(pump);
  };
  return {
    enqueue(owner, run) {
      jobs.set(owner, run);
      schedule();
    },
    cancel(owner) {
      jobs.delete(owner);
    },
    get size() {
      return jobs.size;
    },
  };
}

interface PostTaskScheduler {
  postTask: (task: () => void, options?: { priority?: "user-blocking" | "user-visible" | "background" }) => Promise<unknown>;
}

/** A new task soon: Chromium's `scheduler.postTask`, else a MessageChannel message (no 4 ms clamp of nested timeouts). */
export function postBrowserTask(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === "function") {
    void scheduler.postTask(task, { priority: "user-visible" });
    return;
  }
  if (typeof MessageChannel === "function") {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      task();
    };
    channel.port2.postMessage(null);
    return;
  }
  setTimeout(task, 0);
}
