import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeBinaryFrame } from "@/lib/promql/frames/binary-decode";
import { BINARY_MEDIA_TYPE } from "@/lib/promql/frames/binary-format";
import { readBinaryFramesAnswer, readFramesAnswer } from "@/lib/promql/frames/read";
import { handleProxyRequest } from "@/lib/promql/proxy/handle";
import { type RecordedRequest, type Reply, startRecordingUpstream, type RecordingUpstream } from "../recording-upstream";
import { useQueryConfig } from "./helpers";

// Binary frames through the proxy (lib/promql/frames/binary-format.ts): a gauge with two decimals
// and spikes, and a series that is absent for a while and carries NaN, +Inf, -Inf and -0.
function matrixBody(p: URLSearchParams): string {
  const start = Number(p.get("start"));
  const end = Number(p.get("end"));
  const step = Number(p.get("step"));
  const a: [number, string][] = [];
  const b: [number, string][] = [];
  for (let t = start, i = 0; t <= end; t += step, i++) {
    a.push([t, String(Math.round(1000 * Math.sin(t / 600)) / 10 + (i % 97 === 0 ? 500 : 0))]);
    if (i % 50 < 40) b.push([t, i % 13 === 0 ? "NaN" : i % 29 === 0 ? "+Inf" : i % 31 === 0 ? "-Inf" : i % 37 === 0 ? "-0" : String(Math.sqrt(i))]);
  }
  return JSON.stringify({ status: "success", warnings: ["one store was slow"], data: { resultType: "matrix", result: [{ metric: { s: "a" }, values: a }, { metric: { s: "b" }, values: b }] } });
}

const paramsOf = (r: RecordedRequest) => (r.method === "POST" ? new URLSearchParams(r.body) : new URL(r.url, "http://x").searchParams);
const rangeReply: Reply = (req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(matrixBody(paramsOf(req)));
};

let up: RecordingUpstream;
const T = 1_700_000_000 - (1_700_000_000 % 86_400) + 3600;
const q = (extra = "") => `query=up&start=${T}&end=${T + 6 * 3600}&step=15${extra}`;

async function call(form: string | undefined, query?: string, headers: Record<string, string> = {}) {
  const url = `http://orrery.test/api/ds/prom/api/v1/query_range${query ? `?${query}` : ""}`;
  const h: Record<string, string> = { ...headers };
  if (form !== undefined) h["content-type"] = "application/x-www-form-urlencoded";
  const res = await handleProxyRequest(new Request(url, { method: form !== undefined ? "POST" : "GET", headers: h, body: form }), "prom", ["query_range"]);
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  up = await startRecordingUpstream(rangeReply);
});
afterAll(() => up.close());
beforeEach(() => {
  up.requests.length = 0;
  up.setReply(rangeReply);
  useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }]);
});

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
    expect(up.requests).toHaveLength(2);
    for (const sent of up.requests.map(paramsOf)) {
      expect(sent.has("format")).toBe(false);
      expect(sent.has("width")).toBe(false);
    }
  });

  it("the Accept header asks for binary frames too; every sample comes back exactly (NaN, ±Inf, −0)", async () => {
    const r = await call(undefined, q(), { accept: `${BINARY_MEDIA_TYPE}, application/json` });
    expect(r.headers.get("content-type")).toBe(BINARY_MEDIA_TYPE);
    const frame = decodeBinaryFrame(r.bytes);
    const upstream = JSON.parse(matrixBody(paramsOf(up.requests[0]!))) as { data: { result: { values: [number, string][] }[] } };
    upstream.data.result.forEach((s, n) => {
      const got = frame.series[n]!;
      expect(Array.from(got.idx, (k) => frame.startMs + k * frame.stepMs)).toEqual(s.values.map(([t]) => t * 1000));
      got.values.forEach((v, i) => expect(Object.is(v, Number(s.values[i]![1].replace("+Inf", "Infinity").replace("-Inf", "-Infinity")))).toBe(true));
    });
  });

  it("other clients keep the Prometheus envelope byte for byte; errors stay JSON when binary was asked", async () => {
    const plain = await call(undefined, q());
    expect(plain.headers.get("content-type")).toContain("application/json");
    expect(new TextDecoder().decode(plain.bytes)).toBe(matrixBody(paramsOf(up.requests[0]!)));
    up.setReply((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end('{"status":"error","errorType":"bad_data","error":"parse error"}');
    });
    const err = await call(q("&format=frames-bin&width=100&start=1"));
    expect(err.status).toBe(400);
    expect(JSON.parse(new TextDecoder().decode(err.bytes))).toMatchObject({ status: "error", errorType: "bad_data", error: "parse error" });
  });
});
