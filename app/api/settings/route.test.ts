import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, resetConfig } from "@/lib/config";
import { settingsResponseSchema } from "@/lib/dashboards/settings";
import { GET } from "./route";
import { authed } from "@/test/auth/test-principal";

const saved = { ORRERY_CONFIG: process.env.ORRERY_CONFIG };

function useConfig(config: unknown): void {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-settings-")), "orrery.config.json");
  writeFileSync(file, JSON.stringify(config));
  process.env.ORRERY_CONFIG = file;
  resetConfig();
}

async function get(): Promise<{ status: number; body: unknown }> {
  const res = await GET(await authed(new Request("http://localhost/api/settings"), "viewer"), undefined);
  return { status: res.status, body: await res.json() };
}

afterEach(() => {
  if (saved.ORRERY_CONFIG === undefined) delete process.env.ORRERY_CONFIG;
  else process.env.ORRERY_CONFIG = saved.ORRERY_CONFIG;
  resetConfig();
});

const DS = [{ id: "p", type: "prometheus", url: "http://127.0.0.1:9" }];

describe("GET /api/settings", () => {
  it("gives the configured minimum refresh interval", async () => {
    useConfig({ datasources: DS, dashboards: { minRefreshInterval: "1m" } });
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(settingsResponseSchema.parse(body)).toEqual({ dashboards: { minRefreshInterval: "1m" } });
  });

  it("defaults to Grafana's 5s, and says nothing about datasources", async () => {
    useConfig({ datasources: DS });
    const { body } = await get();
    expect(body).toEqual({ dashboards: { minRefreshInterval: "5s" } });
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
  });
});

describe("config dashboards.minRefreshInterval", () => {
  it.each([["0s"], ["soon"], [""]])("refuses %j, naming the field", (value) => {
    const dir = mkdtempSync(path.join(tmpdir(), "orrery-settings-"));
    writeFileSync(path.join(dir, "orrery.config.json"), JSON.stringify({ datasources: DS, dashboards: { minRefreshInterval: value } }));
    expect(() => loadConfig({}, dir)).toThrow(ConfigError);
    expect(() => loadConfig({}, dir)).toThrow(/dashboards\.minRefreshInterval/);
  });

  it("refuses unknown keys in the section", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "orrery-settings-"));
    writeFileSync(path.join(dir, "orrery.config.json"), JSON.stringify({ datasources: DS, dashboards: { minRefresh: "5s" } }));
    expect(() => loadConfig({}, dir)).toThrow(/dashboards/);
  });
});
