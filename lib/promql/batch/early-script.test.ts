import { describe, expect, it } from "vitest";
import { jsonForScript } from "@/lib/html/escape";
import { EARLY_BATCH_GLOBAL } from "./early";
import { earlyBatchScript, earlyNoneScript, earlyPendingScript } from "./early-script";
import type { BatchQuery } from "./schema";

const hostile: BatchQuery = { id: "0", datasource: "east", endpoint: "query", params: { query: 'up{job="</script><script>alert(1)</script><!--"} \u2028 \u2029', time: "1700000000" } };

/** Runs the script as a browser would, with `window` and `fetch` of the test's own. */
function run(script: string) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const window: Record<string, unknown> = {};
  const fetch = (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(new Response("{}"));
  };
  new Function("window", "fetch", script)(window, fetch);
  return { calls, window };
}

describe("earlyBatchScript", () => {
  it("sends the queries as one POST /api/queries and leaves them with the fetch on window", () => {
    const queries: BatchQuery[] = [hostile, { id: "1", datasource: "west", endpoint: "query_range", params: { query: "rate(x[5m])", start: "1", end: "2", step: "1" } }];
    const { calls, window } = run(earlyBatchScript(queries));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("/api/queries");
    expect(calls[0]!.init.method).toBe("POST");
    expect(calls[0]!.init.credentials).toBe("same-origin");
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ queries });
    const left = window[EARLY_BATCH_GLOBAL] as { queries: BatchQuery[]; response: Promise<Response> };
    expect(left.queries).toEqual(queries);
    expect(left.response).toBeInstanceOf(Promise);
  });

  it("without queries (a plan the server gave up on, carrying the variable answers it had): sends no batch", async () => {
    const variables = [{ datasource: "east", path: "/api/v1/label/job/values", params: { start: "1" }, status: 200, text: '{"status":"success","data":["a"]}' }];
    const { calls, window } = run(earlyBatchScript([], variables));
    expect(calls).toHaveLength(0);
    const left = window[EARLY_BATCH_GLOBAL] as { queries: BatchQuery[]; response: Promise<Response | null>; variables: unknown };
    expect(left.queries).toEqual([]);
    expect(await left.response).toBeNull();
    expect(left.variables).toEqual(variables);
  });

  it("leaves the variable answers it carries on window, with their text as the server had it", () => {
    const variables = [{ datasource: "east", path: "/api/v1/label/job/values", params: { start: "1", end: "2" }, status: 200, text: '{"status":"success","data":["</script><!--","\u2028"]}' }];
    const script = earlyBatchScript([hostile], variables);
    expect(script.toLowerCase()).not.toContain("</script");
    expect(script).not.toContain("<!--");
    const { window } = run(script);
    expect((window[EARLY_BATCH_GLOBAL] as { variables: unknown }).variables).toEqual(variables);
  });

  it("sends nothing when the page's JavaScript already read the global (a script streamed in late): the page asks for itself", () => {
    const calls: unknown[] = [];
    const window: Record<string, unknown> = { [EARLY_BATCH_GLOBAL]: null };
    new Function("window", "fetch", earlyBatchScript([hostile]))(window, (...args: unknown[]) => calls.push(args));
    expect(calls).toHaveLength(0);
    expect(window[EARLY_BATCH_GLOBAL]).toBeNull();
  });

  it("a plan streamed in after the shell: the shell's pending global is settled with the batch, or with null when there is no plan", async () => {
    const fetch = () => Promise.resolve(new Response("{}"));
    const window: Record<string, unknown> = {};
    new Function("window", "fetch", earlyPendingScript())(window, fetch);
    const pending = window[EARLY_BATCH_GLOBAL] as { pending: Promise<unknown> };
    expect(pending.pending).toBeInstanceOf(Promise);
    new Function("window", "fetch", earlyBatchScript([hostile]))(window, fetch);
    const batch = window[EARLY_BATCH_GLOBAL] as { queries: BatchQuery[] };
    expect(batch.queries).toEqual([hostile]);
    await expect(pending.pending).resolves.toBe(batch);

    const none: Record<string, unknown> = {};
    new Function("window", "fetch", earlyPendingScript())(none, fetch);
    const waiting = (none[EARLY_BATCH_GLOBAL] as { pending: Promise<unknown> }).pending;
    new Function("window", "fetch", earlyNoneScript())(none, fetch);
    await expect(waiting).resolves.toBeNull();
    expect(none[EARLY_BATCH_GLOBAL]).toBeUndefined();
  });

  it("holds no text that could end the script element or break the script", () => {
    const script = earlyBatchScript([hostile]);
    expect(script.toLowerCase()).not.toContain("</script");
    expect(script).not.toContain("<!--");
    expect(script).not.toMatch(/[\u2028\u2029]/);
  });

  it("throws nothing when fetch does (an old browser, a blocked request): the page then sends its own", () => {
    expect(() => new Function("window", "fetch", earlyBatchScript([hostile]))({}, () => {
      throw new Error("no fetch");
    })).not.toThrow();
  });
});

describe("jsonForScript", () => {
  it("parses back to the same value", () => {
    const value = { a: "</script>\u2028\u2029<!--", b: [1, "é"] };
    expect(JSON.parse(jsonForScript(value))).toEqual(value);
    expect(jsonForScript(value)).not.toMatch(/[<\u2028\u2029]/);
  });
});
