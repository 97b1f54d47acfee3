import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryLayerStats } from "@/lib/promql/query-layer";
import { pollUntil } from "@/scripts/stack";
import { startScratchPrometheus, type ScratchPrometheus } from "@/test/stack";
import { type FaultLogEntry, type FaultProxy, startFaultProxy } from "./fault-proxy";
import { APP_ORIGIN, discoverRoutes, readAnswer, recordFigure, type RouteModule, useApp, within } from "./harness";
import type { AppEnv } from "./harness";

// Cancellation at the proxy level, through the real route handler, the query layer and the
// upstream client, against a real Prometheus behind the fault proxy (whose log says when each
// upstream connection closed). Coalesced requests share one upstream request: it must be aborted
// when the LAST waiter leaves, and only then. The datasource timeout is 60 s, so a connection that
// closes within these tests was closed by an abort. No timing assertions: the order of events is
// asserted (the upstream closed after the last client left, not before).

let prom: ScratchPrometheus;
let fp: FaultProxy;
let proxyRoute: RouteModule;
let app: AppEnv;

beforeAll(async () => {
  prom = await startScratchPrometheus();
  fp = await startFaultProxy({ target: prom.url });
  app = await useApp([{ id: "slow", type: "prometheus", url: fp.url, timeout: "60s", default: true }], {
    // No answer shared after it arrived (every request here must be in flight to be shared), and two
    // upstream slots, so the queue for a slot can be filled.
    query: { coalesceWindow: "0s", maxConcurrentPerDatasource: 2 },
  });
  proxyRoute = await discoverRoutes().find((r) => r.pattern === "/api/ds/[ds]/api/v1/[...path]")!.load();
  await pollUntil("Prometheus answers through the fault proxy", async () => ((await send("query", { query: "1" }).done).status === 200 ? true : undefined), { timeoutMs: 30_000 });
}, 120_000);

afterAll(async () => {
  await fp?.setFault({ kind: "none" });
  await app?.cleanup();
  await fp?.close();
  await prom?.dispose();
});

interface Sent {
  abort(): void;
  done: Promise<{ status: number; json: unknown }>;
  /** Whether the answer has arrived. */
  settled(): boolean;
}

/** One browser-like request through the route handler; abort() is the client leaving. */
function send(endpoint: "query" | "query_range", params: Record<string, string>): Sent {
  const controller = new AbortController();
  const req = new Request(`${APP_ORIGIN}/api/ds/slow/api/v1/${endpoint}?${new URLSearchParams(params)}`, {
    headers: { authorization: app.bearer },
    signal: controller.signal,
  });
  let settled = false;
  const done = proxyRoute.GET!(req, { params: Promise.resolve({ ds: "slow", path: [endpoint] }) })
    .then(readAnswer)
    .finally(() => (settled = true));
  return { abort: () => controller.abort(), done, settled: () => settled };
}

const rangeOf = (expr: string) => {
  const end = Math.floor(Date.now() / 1000);
  return { query: expr, start: String(end - 300), end: String(end), step: "15" };
};

// As the browser sends them: with the evaluation time (without it each request would get its own "now").
const instantOf = (expr: string) => ({ query: expr, time: String(Math.floor(Date.now() / 1000)) });

/** The fault proxy's log entries (upstream requests) for this expression. */
const upstreamFor = (expr: string): FaultLogEntry[] => fp.log.filter((e) => new URL(e.url, "http://x").searchParams.get("query") === expr);

async function waitForUpstream(expr: string, count = 1): Promise<FaultLogEntry[]> {
  return pollUntil(`${count} upstream request(s) for ${expr}`, async () => (upstreamFor(expr).length >= count ? upstreamFor(expr) : undefined), { timeoutMs: 20_000 });
}

/** Until this many clients wait on shared upstream requests (b has joined a's request). */
async function waitersAre(n: number): Promise<void> {
  await pollUntil(`${n} waiters on the shared request`, async () => (queryLayerStats().waiters === n ? true : undefined), { timeoutMs: 20_000 });
}

async function waitClosed(entry: FaultLogEntry, what: string): Promise<number> {
  return pollUntil(what, async () => entry.closedAt, { timeoutMs: 20_000 });
}

describe("cancellation of coalesced upstream requests", () => {
  it("one of two waiters leaves: the shared upstream request stays open until the other leaves too", async () => {
    await fp.setFault({ kind: "hang" });
    const expr = "sum(up) + 101";
    const params = rangeOf(expr);
    const a = send("query_range", params);
    const [entry] = await waitForUpstream(expr);
    const b = send("query_range", params);
    await waitersAre(2);
    a.abort();
    const left = await within(10_000, "the answer to the client that left", a.done);
    expect(left.status).toBe(499);
    expect(left.json).toMatchObject({ status: "error", error: "the client closed the request" });
    // A fresh upstream request would be logged if b had not joined a's: it joined, so one in all.
    expect(upstreamFor(expr)).toHaveLength(1);
    expect(b.settled()).toBe(false);
    const bLeftAt = performance.now();
    b.abort();
    const closedAt = await waitClosed(entry!, "the upstream connection closes after the last waiter left");
    // Closed by b leaving, not by a: the close came after b's abort.
    expect(closedAt).toBeGreaterThanOrEqual(bLeftAt);
    expect((await within(10_000, "b's answer", b.done)).status).toBe(499);
    expect(entry!.answered).toBe(false);
    recordFigure({ suite: "cancellation (proxy)", case: "last of two coalesced waiters leaves", upstreamClosedAfterMs: Math.round(closedAt - bLeftAt) });
  });

  it("one of two waiters leaves: the other still gets the upstream's answer", async () => {
    // Long enough that the first client has left before the answer comes back.
    await fp.setFault({ kind: "slow", latencyMs: 4000 });
    const expr = "sum(up) + 102";
    const params = instantOf(expr);
    const a = send("query", params);
    await waitForUpstream(expr);
    const b = send("query", params);
    await waitersAre(2);
    a.abort();
    expect((await within(10_000, "a's answer", a.done)).status).toBe(499);
    const kept = await within(30_000, "b's answer", b.done);
    expect(kept.status).toBe(200);
    expect(kept.json).toMatchObject({ status: "success", data: { resultType: "vector" } });
    const entries = upstreamFor(expr);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.answered).toBe(true);
  });

  it("the only waiter leaves: the upstream connection closes", async () => {
    await fp.setFault({ kind: "hang" });
    const expr = "sum(up) + 103";
    const a = send("query", instantOf(expr));
    const [entry] = await waitForUpstream(expr);
    const leftAt = performance.now();
    a.abort();
    const closedAt = await waitClosed(entry!, "the upstream connection closes");
    expect(closedAt).toBeGreaterThanOrEqual(leftAt);
    expect((await within(10_000, "a's answer", a.done)).status).toBe(499);
    recordFigure({ suite: "cancellation (proxy)", case: "only waiter leaves", upstreamClosedAfterMs: Math.round(closedAt - leftAt) });
  });

  it("a request queued for a slot whose client left is dropped; an identical one after it gets its own answer", async () => {
    await fp.setFault({ kind: "hang" });
    // Both upstream slots held by hanging requests.
    const holders = [send("query", instantOf("sum(up) + 104")), send("query", instantOf("sum(up) + 105"))];
    await waitForUpstream("sum(up) + 104");
    await waitForUpstream("sum(up) + 105");
    const expr = "sum(up) + 106";
    const params = instantOf(expr);
    const a = send("query", params);
    await pollUntil("the request waits for a slot", async () => (queryLayerStats().queued === 1 ? true : undefined), { timeoutMs: 20_000 });
    a.abort();
    await pollUntil("the request left the queue", async () => (queryLayerStats().queued === 0 ? true : undefined), { timeoutMs: 20_000 });
    // Answered while still queued: no slot was needed to learn the client had gone.
    expect((await within(10_000, "the queued request's answer", a.done)).status).toBe(499);
    // The same query again, from a client that stays: it must not join the abandoned work.
    await fp.setFault({ kind: "none" });
    const c = send("query", params);
    for (const h of holders) h.abort();
    const answer = await within(30_000, "c's answer", c.done);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json).toMatchObject({ status: "success" });
    // Only c's request reached the upstream.
    expect(upstreamFor(expr)).toHaveLength(1);
    for (const h of holders) expect((await h.done).status).toBe(499);
  });
});
