import { describe, expect, it } from "vitest";
import type { Datasource } from "@/lib/config/schema";
import { DEFAULT_TOPOLOGY_SETTINGS, resolveEndpoint, topologySettings } from "./settings";

const ds = (id: string, url: string, type: Datasource["type"] = "prometheus"): Datasource => ({
  id, name: id, type, url, default: false, timeoutMs: 5000, scrapeIntervalMs: 15000, headers: { "X-Scope-OrgID": "t" }, thanos: {},
  auth: { bearerToken: "secret-token" },
});
const CONFIGURED = [ds("east", "http://127.0.0.1:9091"), ds("q", "http://q.internal:10902", "thanos")];

describe("topologySettings", () => {
  it("uses defaults without a section and converts the threshold", () => {
    expect(topologySettings(undefined)).toBe(DEFAULT_TOPOLOGY_SETTINGS);
    const s = topologySettings({ allow: ["http://127.0.0.1:*"], maxDepth: 2, lagThreshold: "30s", thanosHttpPortOffset: 1 });
    expect(s).toMatchObject({ maxDepth: 2, lagThresholdSeconds: 30, thanosHttpPortOffset: 1 });
    expect(s.allow.map((p) => p.source)).toEqual(["http://127.0.0.1:*"]);
  });
});

describe("resolveEndpoint", () => {
  const none = DEFAULT_TOPOLOGY_SETTINGS;
  const allowLocal = topologySettings({ allow: ["http://127.0.0.1:*"] });

  it("finds a configured datasource of the same type by host:port", () => {
    expect(resolveEndpoint("http://127.0.0.1:9091/federate?match[]=up", "prometheus", CONFIGURED, none)).toMatchObject({ configured: true, key: "127.0.0.1:9091", ds: { id: "east" } });
    expect(resolveEndpoint("http://q.internal:10902", "thanos", CONFIGURED, none)?.ds.id).toBe("q");
    expect(resolveEndpoint("http://q.internal:10902", "prometheus", CONFIGURED, none)).toBeUndefined();
  });

  it("refuses anything else unless allowlisted", () => {
    expect(resolveEndpoint("http://127.0.0.1:9099", "prometheus", CONFIGURED, none)).toBeUndefined();
    expect(resolveEndpoint("http://10.0.0.1:9099", "prometheus", CONFIGURED, allowLocal)).toBeUndefined();
    expect(resolveEndpoint("http://u:p@127.0.0.1:9099", "prometheus", CONFIGURED, allowLocal)).toBeUndefined();
  });

  it("builds an ad-hoc datasource for an allowlisted origin, with no credentials or headers", () => {
    const r = resolveEndpoint("http://127.0.0.1:9099/prom/federate", "prometheus", CONFIGURED, allowLocal, "/prom");
    expect(r).toMatchObject({ configured: false, key: "127.0.0.1:9099", ds: { id: "discovered:127.0.0.1:9099", url: "http://127.0.0.1:9099/prom", headers: {}, type: "prometheus" } });
    expect(r?.ds.auth).toBeUndefined();
  });

  it("drops a path prefix that is not plain segments", () => {
    expect(resolveEndpoint("http://127.0.0.1:9099", "prometheus", [], allowLocal, "/../admin")?.ds.url).toBe("http://127.0.0.1:9099");
    expect(resolveEndpoint("http://127.0.0.1:9099", "prometheus", [], allowLocal, "/a%2f")?.ds.url).toBe("http://127.0.0.1:9099");
  });
});
