import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DOCUMENT_TEMP_MIN_AGE_MS, FileDocumentStore } from "./documents";

const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
});

describe("FileDocumentStore", () => {
  it("sweeps the temp files a crash left in its folder (older than a minute) at its first write, keeps young ones and other files", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "orrery-docs-"));
    roots.push(root);
    const dir = path.join(root, ".auth");
    await mkdir(dir);
    const old = new Date(Date.now() - DOCUMENT_TEMP_MIN_AGE_MS - 5_000);
    await writeFile(path.join(dir, ".api-tokens.json.0123456789abcdef.tmp"), "{ half");
    await utimes(path.join(dir, ".api-tokens.json.0123456789abcdef.tmp"), old, old);
    await writeFile(path.join(dir, ".users.json.00112233445566aa.tmp"), "another process's write in flight");
    await writeFile(path.join(dir, "notes.tmp"), "not ours");
    const store = new FileDocumentStore(dir);
    expect(await store.update("api-tokens", () => ({ result: 1, doc: { version: 1, tokens: [] } }))).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([".users.json.00112233445566aa.tmp", "api-tokens.json", "notes.tmp"]);
    expect(await store.read("api-tokens")).toEqual({ version: 1, tokens: [] });
    expect(await store.names()).toEqual(["api-tokens"]);
  });
});
