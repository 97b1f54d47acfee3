import { describe, expect, it } from "vitest";
import { createChartJobQueue } from "./chart-jobs";

/** A queue whose tasks are run by the test, on a clock each job advances by its cost. */
function harness(budgetMs: number) {
  const tasks: (() => void)[] = [];
  const errors: unknown[] = [];
  let clock = 0;
  const queue = createChartJobQueue({ post: (t) => tasks.push(t), now: () => clock, budgetMs, report: (e) => errors.push(e) });
  const ran: string[][] = [];
  const job = (name: string, costMs: number) => () => {
    ran.at(-1)!.push(name);
    clock += costMs;
  };
  const runTask = () => {
    const t = tasks.shift();
    if (!t) throw new Error("no task posted");
    ran.push([]);
    t();
  };
  return { queue, tasks, errors, ran, job, runTask };
}

describe("chart job queue", () => {
  it("runs nothing synchronously and posts one task however many jobs are queued", () => {
    const h = harness(12);
    for (let i = 0; i < 5; i++) h.queue.enqueue({}, h.job(`c${i}`, 1));
    expect(h.ran).toEqual([]);
    expect(h.tasks).toHaveLength(1);
    expect(h.queue.size).toBe(5);
  });

  it("splits costly draws over tasks, one per task, in order", () => {
    const h = harness(12);
    for (let i = 0; i < 4; i++) h.queue.enqueue({}, h.job(`c${i}`, 40));
    while (h.tasks.length) h.runTask();
    expect(h.ran).toEqual([["c0"], ["c1"], ["c2"], ["c3"]]);
    expect(h.queue.size).toBe(0);
  });

  it("groups cheap draws into one task until the budget is spent", () => {
    const h = harness(12);
    for (let i = 0; i < 7; i++) h.queue.enqueue({}, h.job(`c${i}`, 5));
    while (h.tasks.length) h.runTask();
    // 5 + 5 = 10 < 12 → a third job; 15 ≥ 12 → yield.
    expect(h.ran).toEqual([["c0", "c1", "c2"], ["c3", "c4", "c5"], ["c6"]]);
  });

  it("keeps an owner's place and runs only its latest job", () => {
    const h = harness(0);
    const a = {};
    const b = {};
    h.queue.enqueue(a, h.job("a1", 1));
    h.queue.enqueue(b, h.job("b1", 1));
    h.queue.enqueue(a, h.job("a2", 1));
    while (h.tasks.length) h.runTask();
    expect(h.ran.flat()).toEqual(["a2", "b1"]);
  });

  it("drops a cancelled owner's job", () => {
    const h = harness(0);
    const a = {};
    h.queue.enqueue(a, h.job("a", 1));
    h.queue.enqueue({}, h.job("b", 1));
    h.queue.cancel(a);
    while (h.tasks.length) h.runTask();
    expect(h.ran.flat()).toEqual(["b"]);
  });

  it("reports a failing job and carries on with the next", () => {
    const h = harness(100);
    const boom = new Error("setOption failed");
    h.queue.enqueue({}, () => {
      h.ran.at(-1)!.push("bad");
      throw boom;
    });
    h.queue.enqueue({}, h.job("good", 1));
    while (h.tasks.length) h.runTask();
    expect(h.ran.flat()).toEqual(["bad", "good"]);
    expect(h.errors).toEqual([boom]);
  });

  it("a job queued while a task runs is taken by a later task", () => {
    const h = harness(100);
    const late = h.job("late", 1);
    h.queue.enqueue({}, () => {
      h.ran.at(-1)!.push("first");
      h.queue.enqueue({}, late);
    });
    h.runTask();
    // The Map iterator visits entries added during iteration: within budget, the same task takes it.
    expect(h.ran).toEqual([["first", "late"]]);
    expect(h.tasks).toHaveLength(0);
  });
});
