import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiTokenStore } from "@/lib/auth/api-tokens";
import { ensureAdminUser } from "@/lib/auth/users";
import { parseDashboard } from "@/lib/dashboards/parse";
import { FileDashboardRepository, PostgresDashboardRepository } from "@/lib/dashboards/repository";
import { migrateArchives, openArchive } from "@/lib/dashboards/repository/transfer/migrate";
import type { Dashboard } from "@/lib/dashboards/schema";
import { closePools, getPool } from "@/lib/storage/postgres/pool";
import { stopTestPostgres, testPostgres, tree } from "../dashboards/helpers";

// The demo dashboards, saved through the file store with edits (so they have history) and with
// auth state beside them, go to PostgreSQL with the CLI and come back to a new folder: the same
// files byte for byte, the same API answers from both stores, and second runs change nothing.

// Each run of the CLI starts node + tsx: seconds on a loaded machine.
const CLI_TIMEOUT_MS = 180_000;
const REPO = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(REPO, "scripts/orrery.ts"), ...args], { cwd: REPO, env: { ...process.env, ORRERY_DATABASE_URL: "" } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let root: string;
let source: string;
let url: string;
const USER = { user: "tester" };

function parse(doc: unknown): Dashboard {
  const r = parseDashboard(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.dashboard;
}

beforeAll(async () => {
  vi.stubEnv("ORRERY_DATABASE_URL", ""); // the auth stores below write files
  root = await mkdtemp(path.join(tmpdir(), "orrery-migrate-"));
  source = path.join(root, "source");
  await mkdir(path.join(root, "provisioned"));
  const files = new FileDashboardRepository({ dataDir: source, provisionedDir: path.join(root, "provisioned"), versionsToKeep: 50 });
  const demo = (await readdir(path.join(REPO, "dashboards"))).filter((f) => f.endsWith(".json")).sort();
  expect(demo.length).toBeGreaterThanOrEqual(3);
  for (const f of demo) await files.create(parse(JSON.parse(await readFile(path.join(REPO, "dashboards", f), "utf8"))), { user: "ann", message: `imported ${f}` });
  const [first, second] = (await files.list()).map((d) => d.uid);
  const d1 = (await files.get(first!)).dashboard;
  await files.update(first!, { ...d1, title: `${d1.title} (edited)`, tags: [...d1.tags, "edited"] }, 1, { user: "bob", message: "rename" });
  await files.update(first!, { ...d1, description: "third version" }, 2, USER);
  await files.restore(first!, 1, { user: "carol" });
  const d2 = (await files.get(second!)).dashboard;
  await files.update(second!, { ...d2, refresh: "30s" }, 1, USER);
  await ensureAdminUser(path.join(source, ".auth"), { ORRERY_ADMIN_PASSWORD: "correct horse battery" });
  await new ApiTokenStore(path.join(source, ".auth")).create({ name: "ci", role: "editor", createdBy: "admin" });
  vi.unstubAllEnvs();
  url = await (await testPostgres()).createDatabase();
});

afterAll(async () => {
  await closePools();
  await stopTestPostgres();
  await rm(root, { recursive: true, force: true });
});

const versionFileCount = async (dir: string) => (await tree(dir)).filter((f) => /^[^.][^/]*\/versions\/\d+\.json$/.test(f)).length;

describe("npm run orrery -- migrate-dashboards", () => {
  it("moves the demo dashboards with history and auth state to PostgreSQL and back, byte for byte, idempotently", async () => {
    const versions = await versionFileCount(source);
    expect(versions).toBeGreaterThan(4 + 3);

    const first = await cli("migrate-dashboards", "--from", `file:${source}`, "--to", url);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const dashboards = (await readdir(source)).filter((n) => !n.startsWith(".")).length;
    expect(first.stdout).toContain(`dashboards: ${dashboards} new, 0 unchanged, 0 conflicting`);
    expect(first.stdout).toContain(`versions: ${versions} new`);
    expect(first.stdout).toContain("auth documents: 2 new, 0 unchanged, 0 conflicting");
    expect(first.stdout).not.toMatch(/postgres:\/\//); // the report names host:port/db only

    const again = await cli("migrate-dashboards", "--from", `file:${source}`, "--to", url);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`dashboards: 0 new, ${dashboards} unchanged, 0 conflicting`);
    expect(again.stdout).toContain("versions: 0 new");
    expect(again.stdout).toContain("auth documents: 0 new, 2 unchanged, 0 conflicting");

    // Both stores answer the same, byte for byte.
    const provisionedDir = path.join(root, "provisioned");
    const files = new FileDashboardRepository({ dataDir: source, provisionedDir, versionsToKeep: 50 });
    const db = new PostgresDashboardRepository(getPool(url), { provisionedDir, versionsToKeep: 50 });
    expect(JSON.stringify(await db.list())).toBe(JSON.stringify(await files.list()));
    for (const { uid } of await files.list()) {
      expect(JSON.stringify(await db.get(uid))).toBe(JSON.stringify(await files.get(uid)));
      const history = await files.listVersions(uid);
      expect(JSON.stringify(await db.listVersions(uid))).toBe(JSON.stringify(history));
      for (const { version } of history) expect(JSON.stringify(await db.getVersion(uid, version))).toBe(JSON.stringify(await files.getVersion(uid, version)));
    }

    // And back to a new folder: the same files, byte for byte.
    const back = path.join(root, "back");
    const report = await migrateArchives(openArchive(url), openArchive(`file:${back}`));
    expect(report).toMatchObject({ dashboards: { new: dashboards, conflicting: 0 }, versions: { new: versions }, documents: { new: 2 } });
    // Auth documents are compared by content below; `.locks/` holds the file store's per-dashboard lock files (no data).
    const dashboardFiles = (dir: string) => tree(dir).then((all) => all.filter((f) => !f.startsWith(".auth") && !f.startsWith(".locks")));
    expect(await dashboardFiles(back)).toEqual(await dashboardFiles(source));
    for (const f of (await dashboardFiles(source)).filter((x) => x.endsWith(".json"))) {
      expect(await readFile(path.join(back, f), "utf8"), f).toBe(await readFile(path.join(source, f), "utf8"));
    }
    // Auth documents: the same content (jsonb does not keep key order; the app rewrites them in its own).
    for (const name of ["users.json", "api-tokens.json"]) {
      expect(JSON.parse(await readFile(path.join(back, ".auth", name), "utf8"))).toEqual(JSON.parse(await readFile(path.join(source, ".auth", name), "utf8")));
    }
    const twice = await migrateArchives(openArchive(url), openArchive(`file:${back}`));
    expect(twice).toMatchObject({ dashboards: { new: 0, unchanged: dashboards }, versions: { new: 0 }, documents: { new: 0, unchanged: 2 }, conflicts: [] });

    // A dashboard changed on one side is a conflict, never overwritten.
    const [uid] = (await db.list()).map((d) => d.uid);
    const cur = await db.get(uid!);
    await db.update(uid!, { ...cur.dashboard, title: "changed in PostgreSQL" }, cur.meta.version, USER);
    const before = await readFile(path.join(back, uid!, "current.json"), "utf8");
    const conflict = await cli("migrate-dashboards", "--from", url, "--to", `file:${back}`);
    expect(conflict.code).toBe(2);
    expect(conflict.stdout).toContain(`conflict: dashboard ${uid}: the target has a different version ${cur.meta.version} (source: version ${cur.meta.version + 1}); left as it is`);
    expect(await readFile(path.join(back, uid!, "current.json"), "utf8")).toBe(before);
  }, CLI_TIMEOUT_MS);

  it("refuses unknown stores and missing arguments with a usage message", async () => {
    const bad = await cli("migrate-dashboards", "--from", "mysql://x", "--to", "file:/tmp/x");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"mysql://x" is neither file:<folder> nor a postgres:// URL');
    const missing = await cli("migrate-dashboards", "--from", "file:/tmp/x");
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain("migrate-dashboards needs --from and --to");
  }, CLI_TIMEOUT_MS);
});
