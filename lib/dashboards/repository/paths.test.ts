import path from "node:path";
import { describe, expect, it } from "vitest";
import { dashboardPaths, resolveInside, versionOfFile } from "./paths";

const ROOT = path.resolve("/srv/orrery/data");

describe("resolveInside", () => {
  it.each([["..", "etc"], ["../data2"], ["/etc/passwd"], ["a/../../x"], ["."], [""]])("refuses %j", (...parts) => {
    expect(() => resolveInside(ROOT, ...parts)).toThrow(/outside/);
  });

  it("joins paths that stay inside", () => {
    expect(resolveInside(ROOT, "abc", "versions")).toBe(path.join(ROOT, "abc", "versions"));
  });
});

describe("dashboardPaths", () => {
  it("lays a dashboard out under its uid", () => {
    const p = dashboardPaths(ROOT, "abc");
    expect([p.dir, p.current, p.versionsDir, p.version(7)]).toEqual(
      ["abc", "abc/current.json", "abc/versions", "abc/versions/7.json"].map((s) => path.join(ROOT, s)),
    );
    expect(() => p.version(0)).toThrow();
  });

  it.each(["..", "../x", "a/b", ".trash", ""])("refuses uid %j with a 400 before building a path", (uid) => {
    expect(() => dashboardPaths(ROOT, uid)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe("versionOfFile", () => {
  it.each([
    ["1.json", 1],
    ["42.json", 42],
    ["0.json", null],
    ["01.json", null],
    [".1.json.0123456789abcdef.tmp", null],
    ["1.json.bak", null],
  ])("%j -> %s", (name, n) => {
    expect(versionOfFile(name)).toBe(n);
  });
});
