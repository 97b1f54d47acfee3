import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDashboard } from "@/lib/dashboards/parse";
import { FileDashboardRepository, loadRepositoryConfig } from "@/lib/dashboards/repository";
import { useTempStore, type TempStore } from "./helpers";

// Two processes ("replicas") on one data folder save the same version of one dashboard at the same
// moment, round after round: the per-process mutex alone would let both write version n+1 (a lost
// update); the lock file makes exactly one succeed and the other get 409, every round.

const WRITER = path.join(import.meta.dirname, "racing-writer.ts");
const ROUNDS = 25;

let store: TempStore;
const children: ChildProcessWithoutNullStreams[] = [];

function startWriter(): Promise<{ child: ChildProcessWithoutNullStreams; lines: string[]; next: (prefix: RegExp) => Promise<string> }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", WRITER], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, ORRERY_DATA_DIR: store.dataDir, ORRERY_PROVISIONED_DIR: store.provisionedDir },
  });
  children.push(child);
  const lines: string[] = [];
  let pending = "";
  let stderr = "";
  const waiters: (() => void)[] = [];
  child.stdout.on("data", (d: Buffer) => {
    pending += d.toString();
    const parts = pending.split("\n");
    pending = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const next = async (re: RegExp) => {
    for (;;) {
      const i = lines.findIndex((l) => re.test(l));
      if (i >= 0) return lines.splice(i, 1)[0]!;
      if (child.exitCode !== null) throw new Error(`writer exited: ${stderr}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return next(/^ready$/).then(() => ({ child, lines, next }));
}

beforeAll(async () => {
  store = await useTempStore();
  const parsed = parseDashboard({ schemaVersion: 1, uid: "race", title: "start", panels: [] });
  if (!parsed.ok) throw new Error("bad fixture");
  await new FileDashboardRepository(loadRepositoryConfig({ ORRERY_DATA_DIR: store.dataDir, ORRERY_PROVISIONED_DIR: store.provisionedDir })).create(parsed.dashboard, { user: "test" });
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await store?.cleanup?.();
});

describe("file store shared by two processes", () => {
  it(`concurrent saves of the same version from two processes: exactly one 200 and one 409, ${ROUNDS} rounds`, { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all([startWriter(), startWriter()]);
    const wrong: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      a.child.stdin.write(`${round}\n`);
      b.child.stdin.write(`${round}\n`);
      const results = await Promise.all([a.next(new RegExp(` ${round}( |$)`)), b.next(new RegExp(` ${round}( |$)`))]);
      const oks = results.filter((r) => r.startsWith("ok")).length;
      const conflicts = results.filter((r) => r.startsWith("conflict")).length;
      if (oks !== 1 || conflicts !== 1) wrong.push(`round ${round}: ${results.join(", ")}`);
    }
    expect(wrong).toEqual([]);
    const repo = new FileDashboardRepository(loadRepositoryConfig({ ORRERY_DATA_DIR: store.dataDir, ORRERY_PROVISIONED_DIR: store.provisionedDir }));
    const current = await repo.get("race");
    // Every round added exactly one version: nothing was lost or doubled.
    expect(current.meta.version).toBe(ROUNDS + 1);
    expect(current.dashboard.title).toMatch(/^by \d+ in round 25$/);
  });
});
