import { describe, expect, it } from "vitest";
import { parseQueryData, readEnvelope } from "./api";
import { PromQLError } from "./types";

const SOURCE = 'datasource "global" (query)';

function failure(status: number, body: string): PromQLError {
  try {
    readEnvelope(status, body, SOURCE);
  } catch (err) {
    if (err instanceof PromQLError) return err;
    throw err;
  }
  throw new Error("expected readEnvelope to throw");
}

describe("readEnvelope", () => {
  it("returns data, warnings and infos of a success", () => {
    const body = JSON.stringify({ status: "success", data: { resultType: "scalar", result: [1, "2"] }, warnings: ["w"], infos: ["i"] });
    expect(readEnvelope(200, body, SOURCE)).toEqual({ data: { resultType: "scalar", result: [1, "2"] }, warnings: ["w"], infos: ["i"] });
  });

  it("defaults missing annotations to empty lists", () => {
    expect(readEnvelope(200, '{"status":"success","data":[]}', SOURCE)).toEqual({ data: [], warnings: [], infos: [] });
  });

  it.each([
    [
      400,
      '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:5: parse error: unexpected left brace \'{\'"}',
      "bad_data",
      "invalid parameter \"query\": 1:5: parse error: unexpected left brace '{'",
    ],
    [
      502,
      '{"status":"error","errorType":"unavailable","error":"datasource \\"down\\": cannot reach http://127.0.0.1:1: connection refused"}',
      "unavailable",
      'datasource "down": cannot reach http://127.0.0.1:1: connection refused',
    ],
    [504, '{"status":"error","errorType":"timeout"}', "timeout", `${SOURCE} failed (HTTP 504)`],
    [500, "<html>Internal Server Error</html>", "bad_response", `Unexpected response from ${SOURCE} (HTTP 500): not JSON`],
    [200, '{"status":"success","da', "bad_response", `Unexpected response from ${SOURCE} (HTTP 200): not JSON`],
    [200, '{"hello":"world"}', "bad_response", `Unexpected response from ${SOURCE} (HTTP 200): not a Prometheus API response`],
    [401, '{"error":{"code":"unauthorized","message":"Sign in first"}}', "bad_response", "Sign in first"],
    [500, '{"status":"success","data":1}', "bad_response", `Unexpected response from ${SOURCE}: HTTP 500 with status "success"`],
  ])("HTTP %i %s -> %s", (status, body, errorType, message) => {
    const err = failure(status, body);
    expect(err.status).toBe(status);
    expect(err.errorType).toBe(errorType);
    expect(err.message).toBe(message);
  });
});

describe("parseQueryData", () => {
  const ok = (data: unknown) => parseQueryData({ data, warnings: [], infos: [] }, SOURCE).data;

  it.each([
    [{ resultType: "matrix", result: [{ metric: { cluster: "east" }, values: [[1795713751, "6.5"], [1795713766, "NaN"]] }] }],
    [{ resultType: "matrix", result: [] }],
    [{ resultType: "vector", result: [{ metric: { job: "api" }, value: [1795713796.091, "1"] }] }],
    [{ resultType: "vector", result: [{ metric: {}, histogram: [1, { count: "3", sum: "2", buckets: [] }] }] }],
    [{ resultType: "scalar", result: [1795713796.091, "42"] }],
    [{ resultType: "string", result: [1795713796.091, "hello"] }],
  ])("accepts %j", (data) => {
    expect(ok(data)).toEqual(data);
  });

  it.each([
    [{ resultType: "table", result: [] }, "data.resultType"],
    [{ resultType: "matrix", result: [{ metric: { a: 1 }, values: [] }] }, "data.result[0].metric.a"],
    [{ resultType: "matrix", result: [{ metric: {}, values: [[1, 2]] }] }, "data.result[0].values"],
    [{ resultType: "scalar", result: ["1", "2"] }, "data.result[0]"],
    [null, "data"],
  ])("rejects %j naming %s", (data, path) => {
    expect(() => ok(data)).toThrow(new RegExp(`^Unexpected result from ${SOURCE.replace(/[()]/g, "\\$&")}: ${path.replace(/[[\].]/g, "\\$&")}`));
  });
});
