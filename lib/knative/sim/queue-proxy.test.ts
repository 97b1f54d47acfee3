import { describe, expect, it } from "vitest";
import { QUEUE_DEPTH_FACTOR, QueueModel } from "./queue-proxy";

const T = 1_764_000_000;
const sum = (xs: { count: number }[]) => xs.reduce((a, c) => a + c.count, 0);

describe("queue-proxy model", () => {
  it("admits CC per pod, queues up to 10×CC more, and answers 503 past that", () => {
    // 1 s requests: each slot serves one request per second.
    const q = new QueueModel({ containerConcurrency: 5, serviceSeconds: 1, activatorTimeoutSeconds: 300 });
    const s = q.step({ t: T, arrivals: 120, readyPods: 2, activatorInPath: false });
    expect(sum(s.started)).toBe(10); // 2 pods × CC 5
    expect(s.queued).toBe(QUEUE_DEPTH_FACTOR * 10); // 10 × (2 × 5) = 100 wait
    expect(s.rejected).toBe(10);
    const s2 = q.step({ t: T + 1, arrivals: 30, readyPods: 2, activatorInPath: false });
    // 10 queued ones start; the queue has room for 10 of the 30 newcomers; 20 overflow.
    expect(sum(s2.started)).toBe(10);
    expect(s2.started.every((c) => c.waitSeconds === 1)).toBe(true);
    expect(s2.queued).toBe(100);
    expect(s2.rejected).toBe(20);
    expect(s2.concurrency).toBeGreaterThan(100);
  });

  it("has no breaker with CC = 0: everything starts at once", () => {
    const q = new QueueModel({ containerConcurrency: 0, serviceSeconds: 0.5, activatorTimeoutSeconds: 300 });
    const s = q.step({ t: T, arrivals: 5000, readyPods: 1, activatorInPath: false });
    expect(sum(s.started)).toBe(5000);
    expect(s.rejected).toBe(0);
    expect(s.queued).toBe(0);
    expect(s.concurrency).toBeCloseTo(2500, 6); // Little: 5000/s × 0.5 s
  });

  it("behind the activator nothing is refused: excess waits in the activator", () => {
    const q = new QueueModel({ containerConcurrency: 1, serviceSeconds: 1, activatorTimeoutSeconds: 300 });
    const s = q.step({ t: T, arrivals: 50, readyPods: 1, activatorInPath: true });
    expect(s.rejected).toBe(0);
    expect(s.buffered).toBe(49);
    expect(s.activatorConcurrency).toBeGreaterThan(0);
  });

  it("holds requests while no pod is ready (cold start), then serves them with their wait, and times out old ones", () => {
    const q = new QueueModel({ containerConcurrency: 0, serviceSeconds: 0.1, activatorTimeoutSeconds: 10 });
    const first = q.step({ t: T, arrivals: 3, readyPods: 0, activatorInPath: false });
    expect(first.buffered).toBe(3);
    expect(first.concurrency).toBeGreaterThan(0); // the autoscaler sees activator-held requests
    for (let i = 1; i < 4; i++) q.step({ t: T + i, arrivals: 0, readyPods: 0, activatorInPath: true });
    const served = q.step({ t: T + 4, arrivals: 1, readyPods: 1, activatorInPath: true });
    expect(served.started).toEqual([
      { count: 3, waitSeconds: 4, viaActivator: true },
      { count: 1, waitSeconds: 0, viaActivator: true },
    ]);
    const q2 = new QueueModel({ containerConcurrency: 0, serviceSeconds: 0.1, activatorTimeoutSeconds: 10 });
    q2.step({ t: T, arrivals: 4, readyPods: 0, activatorInPath: true });
    let timedOut = 0;
    for (let i = 1; i <= 10; i++) timedOut += q2.step({ t: T + i, arrivals: 0, readyPods: 0, activatorInPath: true }).timedOut;
    expect(timedOut).toBe(4);
  });

  it("keeps long requests in their slots across seconds", () => {
    const q = new QueueModel({ containerConcurrency: 2, serviceSeconds: 3, activatorTimeoutSeconds: 300 });
    const a = q.step({ t: T, arrivals: 2, readyPods: 1, activatorInPath: false });
    expect(sum(a.started)).toBe(2);
    const b = q.step({ t: T + 1, arrivals: 1, readyPods: 1, activatorInPath: false });
    expect(sum(b.started)).toBe(0); // both slots still busy
    expect(b.busy).toBe(2);
    q.step({ t: T + 2, arrivals: 0, readyPods: 1, activatorInPath: false });
    const d = q.step({ t: T + 3, arrivals: 0, readyPods: 1, activatorInPath: false });
    expect(d.started).toEqual([{ count: 1, waitSeconds: 2, viaActivator: false }]);
  });
});
