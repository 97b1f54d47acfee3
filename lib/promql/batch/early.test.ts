import { afterEach, describe, expect, it, vi } from "vitest";
import { EARLY_BATCH_GLOBAL, EARLY_PENDING_WAIT_MS, EarlyAnswers, earlyAnswers, earlyAnswersReady, queryIdentity, resetEarlyAnswers, type EarlyBatch } from "./early";
import { encodePart } from "./framing";
import { BATCH_MEDIA_TYPE, type BatchQuery } from "./schema";

const q = (id: string, expr: string, extra: Record<string, string> = {}): BatchQuery => ({ id, datasource: "east", endpoint: "query_range", params: { query: expr, start: "100", end: "200", step: "10", ...extra } });

/** A batch answer whose parts the test writes when it wants (a stream it controls). */
function controlledAnswer() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const res = new Response(body, { status: 200, headers: { "content-type": BATCH_MEDIA_TYPE } });
  const part = (id: string, status: number, text: string) => controller.enqueue(encodePart({ id, status, headers: { "content-type": "application/json", "x-orrery-cache": "hit" } }, new TextEncoder().encode(text)));
  return { res, part, close: () => controller.close(), error: (e: unknown) => controller.error(e) };
}

describe("queryIdentity", () => {
  it("is the same whatever the order of the form's fields, and differs when any value differs", () => {
    const a = { datasource: "east", endpoint: "query_range", params: { query: "up", start: "1", end: "2", step: "1", format: "frames-bin", width: "384" } };
    const reordered = { ...a, params: { width: "384", format: "frames-bin", step: "1", end: "2", start: "1", query: "up" } };
    expect(queryIdentity(reordered)).toBe(queryIdentity(a));
    expect(queryIdentity({ ...a, params: { ...a.params, width: "512" } })).not.toBe(queryIdentity(a));
    expect(queryIdentity({ ...a, datasource: "west" })).not.toBe(queryIdentity(a));
    expect(queryIdentity({ ...a, endpoint: "query" })).not.toBe(queryIdentity(a));
  });
});

describe("EarlyAnswers", () => {
  it("gives each query its own part as it arrives, once, and nothing for a query it did not ask", async () => {
    const answer = controlledAnswer();
    const early = new EarlyAnswers({ queries: [q("0", "up"), q("1", "rate(x[5m])")], response: Promise.resolve(answer.res) });
    const second = early.take({ datasource: "east", endpoint: "query_range", params: { step: "10", end: "200", start: "100", query: "rate(x[5m])" } });
    expect(second).toBeDefined();
    expect(early.take(q("9", "not asked"))).toBeUndefined();
    answer.part("1", 200, '{"second":true}');
    const res = await second!;
    expect(res.status).toBe(200);
    expect(res.headers.get("x-orrery-cache")).toBe("hit");
    expect(await res.text()).toBe('{"second":true}');
    // Taken once: the same query asked again goes to the network.
    expect(early.take(q("1", "rate(x[5m])"))).toBeUndefined();
    const first = early.take(q("0", "up"))!;
    answer.part("0", 422, '{"status":"error"}');
    answer.close();
    const r0 = await first;
    expect([r0.status, await r0.text()]).toEqual([422, '{"status":"error"}']);
  });

  it("fails the queries the answer never reached, with a TypeError (a network failure for the caller)", async () => {
    const answer = controlledAnswer();
    const early = new EarlyAnswers({ queries: [q("0", "up"), q("1", "down")], response: Promise.resolve(answer.res) });
    const a = early.take(q("0", "up"))!;
    const b = early.take(q("1", "down"))!;
    answer.part("0", 200, "{}");
    answer.close();
    expect((await a).status).toBe(200);
    await expect(b).rejects.toThrow(TypeError);
  });

  it("gives every query a refused batch's answer (signed out: 401), as each single request would have had", async () => {
    const refused = new Response('{"error":"sign in"}', { status: 401, headers: { "content-type": "application/json" } });
    const early = new EarlyAnswers({ queries: [q("0", "up"), q("1", "down")], response: Promise.resolve(refused) });
    for (const id of ["0", "1"]) {
      const res = await early.take(q(id, id === "0" ? "up" : "down"))!;
      expect([res.status, await res.text()]).toEqual([401, '{"error":"sign in"}']);
    }
  });

  it("fails every query with a TypeError when the fetch itself failed", async () => {
    const early = new EarlyAnswers({ queries: [q("0", "up")], response: Promise.reject(new TypeError("Failed to fetch")) });
    await expect(early.take(q("0", "up"))!).rejects.toThrow(/early query batch failed: Failed to fetch/);
  });

  it("gives a variable request the server ran its answer, once, only for exactly the same datasource, path and params", () => {
    const path = "/api/v1/label/job/values";
    const params = { "match[]": 'up{cluster="a"}', start: "100", end: "200" };
    const variables = [{ datasource: "east", path, params, status: 200, text: '{"status":"success","data":["a"]}' }];
    const early = new EarlyAnswers({ queries: [q("0", "up")], response: new Promise<Response>(() => undefined), variables });
    expect(early.size).toBe(2);
    expect(early.takeVariable({ datasource: "east", path, params: { ...params, end: "201" } })).toBeUndefined();
    expect(early.takeVariable({ datasource: "west", path, params })).toBeUndefined();
    expect(early.takeVariable({ datasource: "east", path: "/api/v1/label/instance/values", params })).toBeUndefined();
    // A panel query's identity is never a variable request's, whatever its fields.
    expect(early.take({ datasource: "east", endpoint: path, params })).toBeUndefined();
    expect(early.takeVariable({ datasource: "east", path, params: { end: "200", start: "100", "match[]": 'up{cluster="a"}' } })).toEqual({ status: 200, text: '{"status":"success","data":["a"]}' });
    expect(early.takeVariable({ datasource: "east", path, params })).toBeUndefined();
    expect(early.size).toBe(1);
  });

  it("a batch of variable answers only (no batch sent): each is taken, and nothing fails or is left waiting", async () => {
    const path = "/api/v1/label/job/values";
    const params = { start: "100" };
    const early = new EarlyAnswers({ queries: [], response: Promise.resolve(null), variables: [{ datasource: "east", path, params, status: 200, text: '{"status":"success","data":["a"]}' }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(early.size).toBe(1);
    expect(early.takeVariable({ datasource: "east", path, params })).toEqual({ status: 200, text: '{"status":"success","data":["a"]}' });
    expect(early.take({ datasource: "east", endpoint: "query", params: { query: "up" } })).toBeUndefined();
    expect(early.size).toBe(0);
  });

  it("never holds Explore's queries (they need their own header)", () => {
    const answer = controlledAnswer();
    const early = new EarlyAnswers({ queries: [{ ...q("0", "up"), explore: true }], response: Promise.resolve(answer.res) });
    expect(early.size).toBe(0);
  });
});

describe("earlyAnswers", () => {
  afterEach(() => {
    resetEarlyAnswers();
    delete (globalThis as Record<string, unknown>)[EARLY_BATCH_GLOBAL];
  });

  it("reads the inline script's global once and empties it (null: a script streamed in later then does nothing); none when the HTML started no batch", () => {
    expect(earlyAnswers()).toBeNull();
    resetEarlyAnswers();
    const answer = controlledAnswer();
    const batch: EarlyBatch = { queries: [q("0", "up")], response: Promise.resolve(answer.res) };
    (globalThis as Record<string, unknown>)[EARLY_BATCH_GLOBAL] = batch;
    const early = earlyAnswers();
    expect(early?.size).toBe(1);
    expect((globalThis as Record<string, unknown>)[EARLY_BATCH_GLOBAL]).toBeNull();
    expect(earlyAnswers()).toBe(early);
  });

  it("a plan the shell announced: the variable requests wait for the streamed batch; panel queries meanwhile see none and do not consume it", async () => {
    let settle!: (b: EarlyBatch | null) => void;
    const pending = new Promise<unknown>((r) => (settle = r));
    const g = globalThis as Record<string, unknown>;
    g[EARLY_BATCH_GLOBAL] = { pending, settle };
    const ready = earlyAnswersReady();
    expect(earlyAnswers()).toBeNull();
    const batch: EarlyBatch = { queries: [q("0", "up")], response: new Promise<Response>(() => undefined) };
    g[EARLY_BATCH_GLOBAL] = batch;
    settle(batch);
    const early = await ready;
    expect(early?.size).toBe(1);
    expect(earlyAnswers()).toBe(early);
    expect(g[EARLY_BATCH_GLOBAL]).toBeNull();
  });

  it("a plan announced but never streamed: the page stops waiting after EARLY_PENDING_WAIT_MS, and a script arriving later sends nothing", async () => {
    vi.useFakeTimers();
    try {
      const g = globalThis as Record<string, unknown>;
      g[EARLY_BATCH_GLOBAL] = { pending: new Promise(() => undefined), settle: () => undefined };
      const ready = earlyAnswersReady();
      await vi.advanceTimersByTimeAsync(EARLY_PENDING_WAIT_MS);
      expect(await ready).toBeNull();
      expect(g[EARLY_BATCH_GLOBAL]).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("ignores a global that is not a batch (anything may write to window)", () => {
    (globalThis as Record<string, unknown>)[EARLY_BATCH_GLOBAL] = { queries: "nope", response: 1 };
    expect(earlyAnswers()).toBeNull();
  });
});
