import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseUpstreamBody } from "./envelope";

const FIXTURES = path.join(__dirname, "../../../test/fixtures/prometheus");
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));

describe("parseUpstreamBody", () => {
  it.each(fixtures)("accepts the real Prometheus 2.42 response %s", (file) => {
    const text = readFileSync(path.join(FIXTURES, file), "utf8");
    const result = parseUpstreamBody(text, "application/json");
    expect(result).toHaveProperty("envelope");
    if ("envelope" in result) expect(result.envelope.status).toBe(file.startsWith("error_") ? "error" : "success");
  });

  it("keeps warnings and infos", () => {
    const r = parseUpstreamBody('{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["w"],"infos":["i"]}', undefined);
    expect(r).toEqual({ envelope: { status: "success", data: { resultType: "vector", result: [] }, warnings: ["w"], infos: ["i"] } });
  });

  it("names a truncated body", () => {
    const full = readFileSync(path.join(FIXTURES, "query_range.json"), "utf8");
    const r = parseUpstreamBody(full.slice(0, full.length / 2), "application/json");
    expect(r).toHaveProperty("reason");
    expect("reason" in r && r.reason).toMatch(/^truncated or malformed JSON \(application\/json, \d+ bytes/);
  });

  it("names an HTML error page, with a snippet", () => {
    const r = parseUpstreamBody("<html><body>502 Bad Gateway</body></html>", "text/html");
    expect("reason" in r && r.reason).toBe('a non-JSON body (text/html, 41 bytes: "<html><body>502 Bad Gateway</body></html>")');
  });

  it.each([
    ['{"foo":1}', "not a Prometheus API response"],
    ['{"status":"ok","data":1}', "not a Prometheus API response"],
    ['{"status":"success"}', "without data"],
    ["[1,2]", "not a Prometheus API response"],
    ["null", "not a Prometheus API response"],
    ["", "non-JSON body"],
  ])("refuses %j", (text, reason) => {
    const r = parseUpstreamBody(text, "application/json");
    expect("reason" in r && r.reason).toContain(reason);
  });
});
