import { describe, expect, it } from "vitest";
import { decodeFrame } from "@/lib/promql/frames/decode";
import { hasGap } from "@/lib/promql/frames/gaps";
import { frameSchema, FRAMES_MEDIA_TYPE } from "@/lib/promql/frames/schema";
import { callProxy } from "../proxy-helpers";
import { paramsOf, q, T, setUpFramesUpstream } from "./frames-fixture";

// Series b carries NaN/+Inf and integers.
const fx = setUpFramesUpstream({ bValue: (i) => (i % 13 === 0 ? "NaN" : i % 29 === 0 ? "+Inf" : String(i % 11)) });

function decoded(text: string) {
  const body = JSON.parse(text) as { status: string; data: unknown };
  expect(body.status).toBe("success");
  return decodeFrame(frameSchema.parse(body.data));
}

describe("frames through the proxy", () => {
  it("answers format=frames with a frame; format and width never reach the upstream", async () => {
    const r = await callProxy("prom", "query_range", { form: q("&format=frames&width=300") });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain(FRAMES_MEDIA_TYPE);
    expect(r.headers.get("x-orrery-format")).toBe("frames");
    const frame = decoded(r.text);
    expect(frame.width).toBe(300);
    expect(frame.series.map((s) => s.labels.s)).toEqual(["a", "b"]);
    // 1,441 points per series reduced to at most 4 per column.
    expect(frame.series[0]!.x.length).toBeLessThanOrEqual(1200);
    expect(fx.up.requests).toHaveLength(1);
    const sent = paramsOf(fx.up.requests[0]!);
    expect(sent.has("format")).toBe(false);
    expect(sent.has("width")).toBe(false);
  });

  it("an Accept header asks for frames too (GET), all points without a width", async () => {
    const r = await callProxy("prom", "query_range", { query: q(), headers: { accept: FRAMES_MEDIA_TYPE } });
    const frame = decoded(r.text);
    expect(frame.width).toBeUndefined();
    const upstream = JSON.parse(fx.bodyFor(fx.up.requests[0]!)) as { data: { result: { values: [number, string][] }[] } };
    const a = upstream.data.result[0]!.values;
    expect(Array.from(frame.series[0]!.x)).toEqual(a.map(([t]) => t * 1000));
    expect(Array.from(frame.series[0]!.y)).toEqual(a.map(([, v]) => Number(v)));
    // Series b: holes are gaps in the columns; NaN and +Inf samples are kept as such.
    const b = upstream.data.result[1]!.values;
    const byTime = new Map(b.map(([t, v]) => [t * 1000, v === "+Inf" ? Infinity : v === "-Inf" ? -Infinity : Number(v)]));
    frame.series[1]!.x.forEach((t, i) => {
      const want = byTime.get(t);
      expect(hasGap(frame.series[1]!.gaps, i)).toBe(want === undefined);
      if (want !== undefined) expect(frame.series[1]!.y[i]).toBe(want);
    });
  });

  it("other clients keep getting the Prometheus envelope, byte for byte", async () => {
    const r = await callProxy("prom", "query_range", { query: q() });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(r.headers.get("x-orrery-format")).toBeNull();
    expect(r.text).toBe(fx.bodyFor(fx.up.requests[0]!));
  });

  it("encodes cached answers too, and width is not part of the cache key", async () => {
    const plain = await callProxy("prom", "query_range", { query: q() });
    expect(plain.headers.get("x-orrery-cache")).toBe("miss");
    const wide = await callProxy("prom", "query_range", { form: q("&format=frames&width=1000") });
    const narrow = await callProxy("prom", "query_range", { form: q("&format=frames&width=100") });
    expect(wide.headers.get("x-orrery-cache")).toBe("hit");
    expect(narrow.headers.get("x-orrery-cache")).toBe("hit");
    expect(fx.up.requests).toHaveLength(1);
    expect(decoded(narrow.text).series[0]!.x.length).toBeLessThan(decoded(wide.text).series[0]!.x.length);
    // A full hit without frames is still the Prometheus matrix.
    const again = await callProxy("prom", "query_range", { query: q() });
    expect(JSON.parse(again.text)).toEqual(JSON.parse(plain.text));
  });

  it("refuses a bad width with 400 naming it, before any upstream request", async () => {
    for (const width of ["0", "-3", "abc", "1.5", "99999"]) {
      const r = await callProxy("prom", "query_range", { form: q(`&format=frames&width=${width}`) });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ status: "error", errorType: "bad_data", error: expect.stringContaining('"width"') });
    }
    expect(fx.up.requests).toHaveLength(0);
  });

  it("falls back to the Prometheus body when a frame cannot carry the answer (native histograms)", async () => {
    const body = JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, histograms: [[T, { count: "1", sum: "1" }]] }] } });
    fx.up.setReply((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    const r = await callProxy("prom", "query_range", { form: q("&format=frames&width=100") });
    expect(r.status).toBe(200);
    expect(r.text).toBe(body);
  });

  it("keeps upstream errors in the envelope when frames were asked", async () => {
    fx.up.setReply((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end('{"status":"error","errorType":"bad_data","error":"parse error"}');
    });
    const r = await callProxy("prom", "query_range", { form: q("&format=frames&width=100") });
    expect(r).toMatchObject({ status: 400, body: { status: "error", errorType: "bad_data", error: "parse error" } });
  });
});
