import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, toPublicDatasource } from "./load";

function withFile(name: string, content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "orrery-config-"));
  writeFileSync(path.join(dir, name), content);
  return dir;
}
const json = (v: unknown) => JSON.stringify(v);

describe("loadConfig", () => {
  it("ORRERY_THANOS_URL alone gives one working Thanos datasource", () => {
    const cfg = loadConfig({ ORRERY_THANOS_URL: "http://thanos-query:9090/" }, tmpdir());
    expect(cfg.datasources).toEqual([
      expect.objectContaining({ id: "thanos", type: "thanos", url: "http://thanos-query:9090", default: true, timeoutMs: 30_000, scrapeIntervalMs: 15_000 }),
    ]);
  });

  it("reads a JSON file named by ORRERY_CONFIG with every option", () => {
    const dir = withFile("c.json", json({
      datasources: [
        { id: "p", type: "prometheus", url: "http://p:9090", scrapeInterval: "5s", headers: { "X-Scope-OrgID": "team-a" } },
        { id: "t", name: "Thanos", type: "thanos", url: "https://t/prefix", default: true, timeout: "1m",
          auth: { basicAuth: { username: "u", password: "pw" } },
          thanos: { dedup: true, partialResponse: false, maxSourceResolution: "auto", replicaLabels: ["replica"] } },
      ],
    }));
    const cfg = loadConfig({ ORRERY_CONFIG: "c.json" }, dir);
    expect(cfg.datasources.map((d) => [d.id, d.default, d.timeoutMs, d.scrapeIntervalMs])).toEqual([
      ["p", false, 30_000, 5_000],
      ["t", true, 60_000, 15_000],
    ]);
    expect(cfg.datasources[1]!.url).toBe("https://t/prefix");
    expect(cfg.datasources[1]!.thanos.replicaLabels).toEqual(["replica"]);
  });

  it("reads YAML and expands ${ENV} references", () => {
    const dir = withFile("orrery.config.yaml", "datasources:\n  - id: t\n    type: thanos\n    url: http://t:9090\n    auth:\n      bearerToken: ${TOKEN}\n");
    const cfg = loadConfig({ TOKEN: "s3cret" }, dir);
    expect(cfg.datasources[0]!.auth).toEqual({ bearerToken: "s3cret" });
  });

  it("env URLs replace a file datasource of the same id", () => {
    const dir = withFile("orrery.config.json", json({ datasources: [{ id: "thanos", type: "thanos", url: "http://old" }] }));
    expect(loadConfig({ ORRERY_THANOS_URL: "http://new:9090" }, dir).datasources.map((d) => d.url)).toEqual(["http://new:9090"]);
  });

  it("no file and no env: no datasources", () => {
    expect(loadConfig({}, mkdtempSync(path.join(tmpdir(), "empty-"))).datasources).toEqual([]);
  });

  it.each([
    [{ datasources: [{ id: "a", type: "influx", url: "http://a" }] }, /datasources\[0\]\.type: /],
    [{ datasources: [{ id: "a", type: "prometheus", url: "ftp://a" }] }, /datasources\[0\]\.url: must use http or https/],
    [{ datasources: [{ id: "a", type: "prometheus", url: "not a url" }] }, /datasources\[0\]\.url: must be an absolute http\(s\) URL/],
    [{ datasources: [{ id: "a", type: "prometheus", url: "http://u:p@a" }] }, /datasources\[0\]\.url: must not embed credentials/],
    [{ datasources: [{ id: "a b", type: "prometheus", url: "http://a" }] }, /datasources\[0\]\.id: must be 1-40/],
    [{ datasources: [{ id: "a", type: "prometheus", url: "http://a", timeout: "30" }] }, /datasources\[0\]\.timeout: must be a positive Prometheus duration/],
    [{ datasources: [{ id: "a", type: "prometheus", url: "http://a", colour: "red" }] }, /datasources\[0\]: Unrecognized key: "colour"/],
    [{ datasources: [{ id: "a", type: "prometheus", url: "http://a", headers: { Cookie: "x" } }] }, /datasources\[0\]\.headers\.Cookie: may not be set/],
    [{ datasources: [{ id: "a", type: "prometheus", url: "http://a", thanos: { dedup: true } }] }, /datasources\[0\]\.thanos: thanos parameters are only valid/],
    [{ datasources: [{ id: "a", type: "thanos", url: "http://a", thanos: { maxSourceResolution: "fast" } }] }, /datasources\[0\]\.thanos\.maxSourceResolution/],
    [{ datasources: [{ id: "a", type: "prometheus", url: "http://a" }, { id: "a", type: "prometheus", url: "http://b" }] }, /datasources\[1\]\.id: duplicate id "a"/],
    [{ datasources: [{ id: "a", type: "prometheus", url: "http://a", default: true }, { id: "b", type: "prometheus", url: "http://b", default: true }] }, /at most one datasource may be the default/],
    [{ datasources: "x" }, /datasources: /],
    [[1], /top level must be an object/],
  ])("a bad file names the field: %j", (content, message) => {
    const dir = withFile("orrery.config.json", json(content));
    expect(() => loadConfig({}, dir)).toThrow(ConfigError);
    expect(() => loadConfig({}, dir)).toThrow(message);
  });

  it("names a missing ORRERY_CONFIG file, bad JSON, a missing env variable and an unknown default", () => {
    expect(() => loadConfig({ ORRERY_CONFIG: "/nope.json" })).toThrow(/ORRERY_CONFIG: config file \/nope\.json does not exist/);
    expect(() => loadConfig({}, withFile("orrery.config.json", "{oops"))).toThrow(/is not valid JSON/);
    const dir = withFile("orrery.config.json", json({ datasources: [{ id: "a", type: "prometheus", url: "http://a", auth: { bearerToken: "${NOPE}" } }] }));
    expect(() => loadConfig({}, dir)).toThrow(/datasources\[0\]\.auth\.bearerToken: environment variable NOPE is not set/);
    expect(() => loadConfig({ ORRERY_THANOS_URL: "http://t", ORRERY_DEFAULT_DATASOURCE: "x" }, tmpdir())).toThrow(/ORRERY_DEFAULT_DATASOURCE/);
  });
});

describe("toPublicDatasource", () => {
  it("never exposes the URL, credentials or headers", () => {
    const dir = withFile("orrery.config.json", json({
      datasources: [{ id: "t", type: "thanos", url: "http://secret-host:9090", auth: { bearerToken: "tok-123" }, headers: { "X-Key": "hdr-456" }, thanos: { dedup: false } }],
    }));
    const pub = toPublicDatasource(loadConfig({}, dir).datasources[0]!);
    expect(pub).toEqual({ id: "t", name: "t", type: "thanos", default: true, scrapeInterval: "15s", timeout: "30s", thanos: { dedup: false } });
    expect(JSON.stringify(pub)).not.toMatch(/secret-host|tok-123|hdr-456/);
  });
});
