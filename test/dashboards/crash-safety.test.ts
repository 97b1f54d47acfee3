import { spawn } from "node:child_process";
import { readdir, readFile, utimes } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDashboard } from "@/lib/dashboards/parse";
import { FileDashboardRepository, loadRepositoryConfig } from "@/lib/dashboards/repository";
import { TEMP_SWEEP_MIN_AGE_MS } from "@/lib/dashboards/repository/file-repository";
import { isTempFile } from "@/lib/dashboards/repository/atomic";
import { tree, useTempStore, withoutAuthState, type TempStore } from "./helpers";

// Process crashes only: SIGKILL leaves the page cache intact, so this proves atomicity and the
// ordering of steps, not durability across power loss (that needs block-level tools or a VM).

const CYCLES = 5;
const KEEP = 5;
const WRITER = path.join(import.meta.dirname, "crash-writer.ts");

interface Ack {
  uid: string;
  version: number;
  token: string;
}

interface Cycle {
  acks: Ack[];
  conflicts: number;
  signal: NodeJS.Signals | null;
}

/** Runs the writer until it has acknowledged `killAfter` saves, then SIGKILLs it mid-flight. */
function runAndKill(store: TempStore, killAfter: number): Promise<Cycle> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", WRITER], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, ORRERY_DATA_DIR: store.dataDir, ORRERY_PROVISIONED_DIR: store.provisionedDir, ORRERY_DASHBOARD_VERSIONS: String(KEEP) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const cycle: Cycle = { acks: [], conflicts: 0, signal: null };
  let pending = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdout.on("data", (d: Buffer) => {
    const lines = (pending + d.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const [kind, uid, version, token] = line.split(" ");
      if (kind === "ack") cycle.acks.push({ uid: uid!, version: Number(version), token: token! });
      if (kind === "conflict") cycle.conflicts++;
    }
    if (cycle.acks.length >= killAfter && child.exitCode === null) child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`writer exited with ${code} before the kill:\n${stderr}`));
      else resolve({ ...cycle, signal });
    });
  });
}

/** What the data folder holds right after the kill, before anything reopens it. */
async function inspectRaw(dataDir: string) {
  const files = withoutAuthState(await tree(dataDir)).filter((f) => f.endsWith(".json") || f.endsWith(".tmp"));
  let tempFiles = 0;
  for (const f of files) {
    if (isTempFile(path.basename(f))) {
      tempFiles++;
      continue;
    }
    const record = JSON.parse(await readFile(path.join(dataDir, f), "utf8"));
    const parsed = parseDashboard(record.dashboard);
    expect(parsed.ok, `${f} holds a valid dashboard`).toBe(true);
  }
  return { tempFiles, files: files.length - tempFiles };
}

describe("file store under SIGKILL", () => {
  let store: TempStore;
  beforeAll(async () => {
    store = await useTempStore({ versions: KEEP });
  });
  afterAll(() => store.cleanup());

  it(`keeps every acknowledged save across ${CYCLES} kill cycles`, { timeout: 120_000 }, async () => {
    const acked: Ack[] = [];
    const stats: string[] = [];
    for (let c = 0; c < CYCLES; c++) {
      const cycle = await runAndKill(store, 20 + Math.floor(Math.random() * 150));
      acked.push(...cycle.acks);
      const raw = await inspectRaw(store.dataDir);
      // The restart comes later than the sweep's minimum age (younger temp files may be another live
      // process's write and are left alone: lib/dashboards/repository/file-repository.test.ts).
      const aged = new Date(Date.now() - TEMP_SWEEP_MIN_AGE_MS - 1_000);
      for (const f of (await tree(store.dataDir)).filter((x) => isTempFile(path.basename(x)))) await utimes(path.join(store.dataDir, f), aged, aged);

      const repo = new FileDashboardRepository(loadRepositoryConfig());
      const list = await repo.list();
      expect(list.filter((d) => d.error)).toEqual([]);
      let orphans = 0;
      for (const { uid } of list) {
        const current = await repo.get(uid);
        const dir = path.join(store.dataDir, uid);
        // current.json and its version file are written from the same text.
        expect(await readFile(path.join(dir, "current.json"), "utf8")).toBe(await readFile(path.join(dir, "versions", `${current.meta.version}.json`), "utf8"));
        orphans += (await readdir(path.join(dir, "versions"))).filter((f) => Number.parseInt(f) > current.meta.version).length;
      }
      for (const ack of acked) {
        const current = await repo.get(ack.uid);
        expect(current.meta.version, `${ack.uid} v${ack.version} acknowledged`).toBeGreaterThanOrEqual(ack.version);
        if (ack.version > current.meta.version - KEEP) {
          expect((await repo.getVersion(ack.uid, ack.version)).dashboard.description, `${ack.uid} v${ack.version}`).toBe(ack.token);
        }
      }
      // The first use swept the temp files; a save goes on from the current version (over any orphan).
      expect((await tree(store.dataDir)).filter((f) => isTempFile(path.basename(f)))).toEqual([]);
      const first = list[0]!;
      const current = await repo.get(first.uid);
      expect((await repo.update(first.uid, current.dashboard, current.meta.version, { user: "checker" })).meta.version).toBe(current.meta.version + 1);
      stats.push(`cycle ${c + 1}: ${cycle.acks.length} acks, ${cycle.conflicts} conflicts, ${raw.files} files, ${raw.tempFiles} temp files and ${orphans} orphan versions left by the kill`);
    }
    console.log(`crash safety (${acked.length} acknowledged saves checked):\n  ${stats.join("\n  ")}`);
    expect(acked.length).toBeGreaterThanOrEqual(CYCLES * 20);
  });
});
