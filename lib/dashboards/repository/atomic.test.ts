import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTempFile, mkdirDurable, sweepTempFiles, writeFileAtomic } from "./atomic";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "orrery-atomic-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("creates and replaces a file, leaving no temp file", async () => {
    const target = path.join(dir, "current.json");
    await writeFileAtomic(target, "one");
    await writeFileAtomic(target, "two");
    expect(await readFile(target, "utf8")).toBe("two");
    expect(await readdir(dir)).toEqual(["current.json"]);
  });

  it("leaves the old content and no temp file when the rename fails", async () => {
    const target = path.join(dir, "taken");
    await mkdirDurable(path.join(target, "inner")); // renaming a file over a non-empty directory fails
    await expect(writeFileAtomic(target, "x")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["taken"]);
  });

  it("concurrent writers never produce a mix", async () => {
    const target = path.join(dir, "f");
    const bodies = Array.from({ length: 20 }, (_, i) => String(i).repeat(100_000));
    await Promise.all(bodies.map((b) => writeFileAtomic(target, b)));
    expect(bodies).toContain(await readFile(target, "utf8"));
  });
});

describe("sweepTempFiles", () => {
  it("removes only our temp files and skips missing folders", async () => {
    await writeFile(path.join(dir, ".current.json.0123456789abcdef.tmp"), "");
    await writeFile(path.join(dir, "current.json"), "");
    await writeFile(path.join(dir, "x.tmp"), "");
    expect(await sweepTempFiles([dir, path.join(dir, "missing")])).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(["current.json", "x.tmp"]);
  });

  it.each([
    [".current.json.0123456789abcdef.tmp", true],
    [".7.json.aaaaaaaaaaaaaaaa.tmp", true],
    ["current.json", false],
    [".current.json.tmp", false],
    ["a.0123456789abcdef.tmp", false],
  ])("isTempFile(%j) is %s", (name, expected) => {
    expect(isTempFile(name)).toBe(expected);
  });
});
