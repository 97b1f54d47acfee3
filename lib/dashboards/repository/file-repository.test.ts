import { mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dashboardDoc, tree, useTempStore, type TempStore } from "@/test/dashboards/helpers";
import { parseDashboard } from "../parse";
import type { Dashboard } from "../schema";
import { loadRepositoryConfig } from "./config";
import { FileDashboardRepository, TEMP_SWEEP_MIN_AGE_MS } from "./file-repository";

const USER = { user: "tester" };
let store: TempStore;
let repo: FileDashboardRepository;

function dash(uid: string, over: Record<string, unknown> = {}): Dashboard {
  const r = parseDashboard(dashboardDoc(uid, over));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.dashboard;
}
const reopen = () => new FileDashboardRepository(loadRepositoryConfig());
const file = (...p: string[]) => path.join(store.dataDir, ...p);

beforeEach(async () => {
  store = await useTempStore({ versions: 3 });
  repo = reopen();
});
afterEach(() => store.cleanup());

describe("FileDashboardRepository: what a crash between steps leaves", () => {
  it("ignores an orphan newer version file (crash before current.json moved) and overwrites it on the next save", async () => {
    await repo.create(dash("abc", { title: "v1" }), USER);
    const orphan = (await readFile(file("abc", "versions", "1.json"), "utf8")).replace('"version": 1', '"version": 2').replace('"title": "v1"', '"title": "never acknowledged"');
    await writeFile(file("abc", "versions", "2.json"), orphan);
    const fresh = reopen();
    expect((await fresh.get("abc")).meta.version).toBe(1);
    expect((await fresh.listVersions("abc")).map((v) => v.version)).toEqual([1]);
    await expect(fresh.getVersion("abc", 2)).rejects.toMatchObject({ status: 404 });
    await fresh.update("abc", dash("abc", { title: "v2" }), 1, USER);
    expect((await fresh.getVersion("abc", 2)).dashboard.title).toBe("v2");
  });

  it("hides version files beyond N left by a crash before pruning, and prunes them on the next save", async () => {
    await repo.create(dash("abc"), USER);
    for (let v = 1; v < 5; v++) await repo.update("abc", dash("abc", { title: `v${v + 1}` }), v, USER);
    await writeFile(file("abc", "versions", "1.json"), await readFile(file("abc", "current.json")));
    expect((await repo.listVersions("abc")).map((v) => v.version)).toEqual([5, 4, 3]);
    await repo.update("abc", dash("abc"), 5, USER);
    expect((await readdir(file("abc", "versions"))).sort()).toEqual(["4.json", "5.json", "6.json"]);
  });

  it("treats a folder without current.json (crash during create) as absent, and creates over it", async () => {
    await mkdir(file("half", "versions"), { recursive: true });
    await writeFile(file("half", "versions", "1.json"), "{");
    expect(await repo.list()).toEqual([]);
    await expect(repo.get("half")).rejects.toMatchObject({ status: 404 });
    expect((await repo.create(dash("half"), USER)).meta.version).toBe(1);
    expect((await repo.getVersion("half", 1)).dashboard.uid).toBe("half");
  });

  it("sweeps leftover temp files (older than a minute) at first use and never lists them", async () => {
    await repo.create(dash("abc"), USER);
    const old = new Date(Date.now() - TEMP_SWEEP_MIN_AGE_MS - 5_000);
    for (const f of [file("abc", ".current.json.0123456789abcdef.tmp"), file("abc", "versions", ".2.json.fedcba9876543210.tmp")]) {
      await writeFile(f, "{ half");
      await utimes(f, old, old);
    }
    // A young one may be another process's save in flight on a shared folder: left alone.
    await writeFile(file("abc", "versions", ".3.json.00112233445566aa.tmp"), "in flight");
    await writeFile(file("abc", "notes.txt"), "kept: not ours");
    const fresh = reopen();
    expect((await fresh.list()).map((d) => d.uid)).toEqual(["abc"]);
    expect(await tree(file("abc"))).toEqual(["current.json", "notes.txt", "versions", "versions/.3.json.00112233445566aa.tmp", "versions/1.json"]);
  });

  it("sweeps the auth stores' temp files in <data>/.auth at start-up too (a kill during an API token's lastUsedAt write)", async () => {
    await repo.create(dash("abc"), USER);
    await mkdir(file(".auth"), { recursive: true });
    await writeFile(file(".auth", "api-tokens.json"), '{"version":1,"tokens":[]}\n');
    const old = new Date(Date.now() - TEMP_SWEEP_MIN_AGE_MS - 5_000);
    await writeFile(file(".auth", ".api-tokens.json.0123456789abcdef.tmp"), "{ half");
    await utimes(file(".auth", ".api-tokens.json.0123456789abcdef.tmp"), old, old);
    await writeFile(file(".auth", ".users.json.00112233445566aa.tmp"), "in flight");
    await reopen().list();
    // (The folder also holds the generated dev-secret, unrelated.)
    expect((await tree(file(".auth"))).filter((f) => f.endsWith(".json") || f.endsWith(".tmp"))).toEqual([".users.json.00112233445566aa.tmp", "api-tokens.json"]);
  });
});

describe("FileDashboardRepository: stored documents that no longer parse", () => {
  it("lists them with their problem and answers 500 naming the field, while a save still replaces them", async () => {
    await repo.create(dash("abc"), USER);
    const record = JSON.parse(await readFile(file("abc", "current.json"), "utf8"));
    record.dashboard.refresh = "1s";
    await writeFile(file("abc", "current.json"), JSON.stringify(record));
    expect(await repo.list()).toEqual([expect.objectContaining({ uid: "abc", version: 1, error: expect.stringContaining("dashboard.refresh") })]);
    await expect(repo.get("abc")).rejects.toMatchObject({ status: 500, code: "invalid_stored_dashboard", issues: [{ path: "dashboard.refresh", message: expect.any(String) }] });
    expect((await repo.update("abc", dash("abc"), 1, USER)).meta.version).toBe(2);
  });

  it("answers 500 for a current.json that is not JSON", async () => {
    await repo.create(dash("abc"), USER);
    await writeFile(file("abc", "current.json"), "{");
    await expect(repo.get("abc")).rejects.toMatchObject({ status: 500, message: expect.stringMatching(/^stored dashboard abc is invalid: \(root\): not valid JSON/) });
  });
});

describe("FileDashboardRepository: records", () => {
  it("keeps createdAt across versions and records who saved each", async () => {
    const v1 = await repo.create(dash("abc"), { user: "ann", message: "hello" });
    const v2 = await repo.update("abc", dash("abc"), 1, { user: "bob" });
    expect(v2.meta).toMatchObject({ version: 2, createdAt: v1.meta.createdAt, updatedBy: "bob", message: "" });
    expect(await repo.listVersions("abc")).toEqual([
      { version: 2, updatedAt: v2.meta.updatedAt, updatedBy: "bob", message: "" },
      { version: 1, updatedAt: v1.meta.updatedAt, updatedBy: "ann", message: "hello" },
    ]);
  });

  it("writes a version file and current.json with the same content", async () => {
    await repo.create(dash("abc"), USER);
    await repo.update("abc", dash("abc", { title: "two" }), 1, USER);
    expect(await readFile(file("abc", "versions", "2.json"), "utf8")).toBe(await readFile(file("abc", "current.json"), "utf8"));
  });
});
