import { describe, expect, it } from "vitest";
import { decodeBinaryFrame } from "@/lib/promql/frames/binary-decode";
import { BINARY_MEDIA_TYPE } from "@/lib/promql/frames/binary-format";
import { readBinaryFramesAnswer, readFramesAnswer } from "@/lib/promql/frames/read";
import { handleProxyRequest } from "@/lib/promql/proxy/handle";
import { paramsOf, q, setUpFramesUpstream } from "./frames-fixture";

// Binary frames through the proxy (lib/promql/frames/binary-format.ts): series b carries NaN, +Inf,
// -Inf and -0, and the envelope a warning.
const fx = setUpFramesUpstream({
  bValue: (i) => (i % 13 === 0 ? "NaN" : i % 29 === 0 ? "+Inf" : i % 31 === 0 ? "-Inf" : i % 37 === 0 ? "-0" : String(Math.sqrt(i))),
  warnings: ["one store was slow"],
});

async function call(form: string | undefined, query?: string, headers: Record<string, string> = {}) {
  const url = `http://orrery.test/api/ds/prom/api/v1/query_range${query ? `?${query}` : ""}`;
  const h: Record<string, string> = { ...headers };
  if (form !== undefined) h["content-type"] = "application/x-www-form-urlencoded";
  const res = await handleProxyRequest(new Request(url, { method: form !== undefined ? "POST" : "GET", headers: h, body: form }), "prom", ["query_range"]);
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("binary frames through the proxy", () => {
  it("format=frames-bin answers the binary media type; panels get the same columns as from JSON frames", async () => {
    const bin = await call(q("&format=frames-bin&width=300"));
    expect(bin.status).toBe(200);
    expect(bin.headers.get("content-type")).toBe(BINARY_MEDIA_TYPE);
    expect(bin.headers.get("x-orrery-format")).toBe("frames-bin");
    const json = await call(q("&format=frames&width=300"));
    const fromBin = readBinaryFramesAnswer(200, bin.bytes, "t");
    const fromJson = readFramesAnswer(200, new TextDecoder().decode(json.bytes), "t");
    expect(fromBin.warnings).toEqual(["one store was slow"]);
    // JSON has no −0 (JSON.stringify(-0) is "0"); binary keeps it. Otherwise the same columns.
    const zeroSign = (d: typeof fromBin.data) => (d.resultType === "frames" ? { ...d, series: d.series.map((s) => ({ ...s, y: s.y.map((v) => (v === 0 ? 0 : v)) })) } : d);
    expect(fromBin.data.resultType).toBe("frames");
    expect(zeroSign(fromBin.data)).toEqual(zeroSign(fromJson.data));
    expect(bin.bytes.length).toBeLessThan(json.bytes.length / 2);
    // format and width never go upstream (two requests: answers with warnings are not cached).
    expect(fx.up.requests).toHaveLength(2);
    for (const sent of fx.up.requests.map(paramsOf)) {
      expect(sent.has("format")).toBe(false);
      expect(sent.has("width")).toBe(false);
    }
  });

  it("the Accept header asks for binary frames too; every sample comes back exactly (NaN, ±Inf, −0)", async () => {
    const r = await call(undefined, q(), { accept: `${BINARY_MEDIA_TYPE}, application/json` });
    expect(r.headers.get("content-type")).toBe(BINARY_MEDIA_TYPE);
    const frame = decodeBinaryFrame(r.bytes);
    const upstream = JSON.parse(fx.bodyFor(fx.up.requests[0]!)) as { data: { result: { values: [number, string][] }[] } };
    upstream.data.result.forEach((s, n) => {
      const got = frame.series[n]!;
      expect(Array.from(got.idx, (k) => frame.startMs + k * frame.stepMs)).toEqual(s.values.map(([t]) => t * 1000));
      got.values.forEach((v, i) => expect(Object.is(v, Number(s.values[i]![1].replace("+Inf", "Infinity").replace("-Inf", "-Infinity")))).toBe(true));
    });
  });

  it("other clients keep the Prometheus envelope byte for byte; errors stay JSON when binary was asked", async () => {
    const plain = await call(undefined, q());
    expect(plain.headers.get("content-type")).toContain("application/json");
    expect(new TextDecoder().decode(plain.bytes)).toBe(fx.bodyFor(fx.up.requests[0]!));
    fx.up.setReply((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end('{"status":"error","errorType":"bad_data","error":"parse error"}');
    });
    const err = await call(q("&format=frames-bin&width=100&start=1"));
    expect(err.status).toBe(400);
    expect(JSON.parse(new TextDecoder().decode(err.bytes))).toMatchObject({ status: "error", errorType: "bad_data", error: "parse error" });
  });
});
