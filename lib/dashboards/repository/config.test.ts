import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepositoryConfig } from "./config";

describe("loadRepositoryConfig", () => {
  it("defaults to ./data/dashboards, ./dashboards and 50 versions", () => {
    expect(loadRepositoryConfig({})).toEqual({
      dataDir: path.resolve("data/dashboards"),
      provisionedDir: path.resolve("dashboards"),
      versionsToKeep: 50,
    });
  });

  it("reads the environment; blank counts as unset", () => {
    expect(loadRepositoryConfig({ ORRERY_DATA_DIR: "/var/lib/orrery", ORRERY_PROVISIONED_DIR: "", ORRERY_DASHBOARD_VERSIONS: "7" })).toEqual({
      dataDir: "/var/lib/orrery",
      provisionedDir: path.resolve("dashboards"),
      versionsToKeep: 7,
    });
  });

  it.each(["0", "-1", "2.5", "many"])("refuses ORRERY_DASHBOARD_VERSIONS=%j naming the variable", (v) => {
    expect(() => loadRepositoryConfig({ ORRERY_DASHBOARD_VERSIONS: v })).toThrow(/^invalid dashboard store settings: ORRERY_DASHBOARD_VERSIONS: /);
  });
});
