import { describe, expect, it } from "vitest";
import { startSoloPoll, type SoloPollEnv, type SoloPollState } from "./solo-poll";

/** A hand-driven clock and page visibility. */
function fakeEnv() {
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  let hidden = false;
  const shown = new Set<() => void>();
  const env: SoloPollEnv = {
    setTimer: (run, ms) => {
      timers.set(next, { run, ms });
      return next++;
    },
    clearTimer: (t) => void timers.delete(t as number),
    hidden: () => hidden,
    onShown: (run) => {
      shown.add(run);
      return () => shown.delete(run);
    },
  };
  return {
    env,
    timers,
    fire() {
      const [id, t] = [...timers][0]!;
      timers.delete(id);
      t.run();
    },
    setHidden(h: boolean) {
      hidden = h;
      if (!h) for (const run of [...shown]) run();
    },
    listeners: () => shown.size,
  };
}

/** A fetch whose answers the test gives, one per call, recording each call's signal. */
function fakeFetch() {
  const calls: Array<{ signal: AbortSignal; resolve: (v: number) => void; reject: (e: Error) => void }> = [];
  const fetch = (signal: AbortSignal) =>
    new Promise<number>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
    });
  return { fetch, calls };
}

function start(refreshMs: number | null) {
  const clock = fakeEnv();
  const api = fakeFetch();
  let state: SoloPollState<number> = { fetching: false };
  const stop = startSoloPoll<number>({ fetch: api.fetch, refreshMs, env: clock.env, update: (p) => void (state = { ...state, ...p }) });
  return { clock, api, stop, state: () => state };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("startSoloPoll", () => {
  it("fetches at once, shows the answer, and refreshes the given time after each answer", async () => {
    const { clock, api, state } = start(30_000);
    expect(api.calls).toHaveLength(1);
    expect(state()).toEqual({ fetching: true, error: undefined });
    api.calls[0]!.resolve(1);
    await settle();
    expect(state()).toEqual({ data: 1, error: undefined, fetching: false });
    expect([...clock.timers.values()].map((t) => t.ms)).toEqual([30_000]);
    clock.fire();
    expect(api.calls).toHaveLength(2);
    // The previous answer stays on screen while the next one loads.
    expect(state()).toEqual({ data: 1, error: undefined, fetching: true });
    api.calls[1]!.resolve(2);
    await settle();
    expect(state().data).toBe(2);
    expect(clock.timers.size).toBe(1);
  });

  it("fetches once without a refresh interval", async () => {
    const { clock, api, state } = start(null);
    api.calls[0]!.resolve(7);
    await settle();
    expect(state().data).toBe(7);
    expect(clock.timers.size).toBe(0);
  });

  it("stops refreshing after a failure and shows it, keeping the last answer", async () => {
    const { clock, api, state } = start(10_000);
    api.calls[0]!.resolve(1);
    await settle();
    clock.fire();
    api.calls[1]!.reject(new Error("HTTP 403"));
    await settle();
    expect(state()).toMatchObject({ data: 1, fetching: false });
    expect(state().error?.message).toBe("HTTP 403");
    expect(clock.timers.size).toBe(0);
  });

  it("does not refresh a hidden page; fetches once when it is shown again", async () => {
    const { clock, api } = start(10_000);
    api.calls[0]!.resolve(1);
    await settle();
    clock.setHidden(true);
    clock.fire();
    expect(api.calls).toHaveLength(1);
    expect(clock.listeners()).toBe(1);
    clock.setHidden(false);
    expect(api.calls).toHaveLength(2);
    expect(clock.listeners()).toBe(0);
  });

  it("stop aborts the request in flight, cancels the next refresh, and ignores a late answer", async () => {
    const first = start(10_000);
    first.stop();
    expect(first.api.calls[0]!.signal.aborted).toBe(true);
    first.api.calls[0]!.resolve(5);
    await settle();
    expect(first.state().data).toBeUndefined();

    const second = start(10_000);
    second.api.calls[0]!.resolve(1);
    await settle();
    expect(second.clock.timers.size).toBe(1);
    second.stop();
    expect(second.clock.timers.size).toBe(0);
  });
});
