import { spawn, spawnSync } from "node:child_process";
import { readdir, readFile, utimes } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as item from "@/app/api/dashboards/[uid]/route";
import * as version from "@/app/api/dashboards/[uid]/versions/[version]/route";
import { parseDashboard } from "@/lib/dashboards/parse";
import { resetRepository } from "@/lib/dashboards/repository";
import { isTempFile } from "@/lib/dashboards/repository/atomic";
import { TEMP_SWEEP_MIN_AGE_MS } from "@/lib/dashboards/repository/file-repository";
import { closePools } from "@/lib/storage/postgres/pool";
import { startPostgres, type PostgresServer } from "@/test/pg/postgres";
import { type AppEnv, APP_ORIGIN, HARD, recordFigure, REPO, runs, useApp } from "./harness";

// Process crashes only: SIGKILL leaves the page cache intact, so this proves atomicity and the
// order of steps, not durability across power loss (block-level tools or a VM would be needed).
// A child saves concurrently through the real route handlers and acknowledges each 200 on a pipe;
// it is SIGKILLed repeatedly; afterwards, read through the API: every acknowledged save is there,
// every stored document reads, and no version has two acknowledged winners.

const CYCLES = runs(5, 50);
const CHILD = path.join(import.meta.dirname, "crash-child.ts");

interface StoreUnderTest {
  name: string;
  /** ORRERY_DATABASE_URL for the app and the child ("" = the file store); set before the app's API token is made. */
  databaseUrl(): Promise<string>;
  /** Store-specific raw checks right after a kill, before anything reopens the store. */
  inspect(app: StoreApp): Promise<{ note: string; orphans: number }>;
  /** After the raw checks: let a restarted server clean up what the kill left (the file store's temp sweep). */
  beforeRestart?(app: StoreApp): Promise<void>;
  /** After the restart: nothing left behind (no temp files). */
  afterRestart?(app: StoreApp): Promise<void>;
}

/** Every temp file under the data folder: the dashboards' and the auth stores' (`<data>/.auth`, e.g. an API token's lastUsedAt). */
async function tempFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && isTempFile(e.name)).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/**
 * Every JSON file under the data folder reads: the dashboards' hold a valid dashboard record, the
 * auth stores' (`.auth/*.json`, rewritten during the saves: an API token's lastUsedAt) valid JSON;
 * each `current.json` is byte-identical to its version file (both are written from the same text);
 * versions above the current one are orphans a kill may leave (ignored, overwritten by the next
 * save). Temp files are counted (and listed), never read as data.
 */
async function inspectFiles(app: AppEnv): Promise<{ note: string; orphans: number }> {
  const entries = await readdir(app.dataDir, { recursive: true, withFileTypes: true });
  let files = 0;
  let temps = 0;
  for (const e of entries) {
    if (!e.isFile()) continue;
    if (isTempFile(e.name)) {
      temps++;
      continue;
    }
    if (!e.name.endsWith(".json")) continue;
    files++;
    const text = await readFile(path.join(e.parentPath, e.name), "utf8");
    let record: { dashboard?: unknown };
    expect(() => (record = JSON.parse(text) as { dashboard?: unknown }), `${e.parentPath}/${e.name} is valid JSON`).not.toThrow();
    if (e.parentPath.endsWith(`${path.sep}.auth`)) continue;
    expect(parseDashboard(record!.dashboard).ok, `${e.parentPath}/${e.name} holds a valid dashboard`).toBe(true);
  }
  const leftovers = await tempFiles(app.dataDir);
  let orphans = 0;
  for (const uid of (await readdir(app.dataDir)).filter((d) => !d.startsWith("."))) {
    const dir = path.join(app.dataDir, uid);
    const current = await readFile(path.join(dir, "current.json"), "utf8").catch(() => undefined);
    // A kill during the very first save of a uid can leave a folder without current.json: not a dashboard yet.
    if (current === undefined) continue;
    const { meta } = JSON.parse(current) as { meta: { version: number } };
    expect(await readFile(path.join(dir, "versions", `${meta.version}.json`), "utf8"), `${uid}: current.json is its version file`).toBe(current);
    orphans += (await readdir(path.join(dir, "versions"))).filter((f) => Number.parseInt(f) > meta.version).length;
  }
  return { note: `${files} files, ${temps} temp files${leftovers.length ? ` (${leftovers.join(", ")})` : ""} and ${orphans} orphan versions left by the kill`, orphans };
}

/** Every row reads and holds a valid dashboard; each current row equals its version row; no version above the current one. */
async function inspectRows(url: string): Promise<{ note: string; orphans: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const current = (await client.query<{ uid: string; version: number; dashboard: unknown }>("SELECT uid, version, dashboard FROM dashboards")).rows;
    const versions = (await client.query<{ uid: string; version: number; dashboard: unknown }>("SELECT uid, version, dashboard FROM dashboard_versions")).rows;
    for (const r of [...current, ...versions]) expect(parseDashboard(r.dashboard).ok, `row ${r.uid} v${r.version} holds a valid dashboard`).toBe(true);
    for (const c of current) {
      const own = versions.find((v) => v.uid === c.uid && v.version === c.version);
      expect(own?.dashboard, `${c.uid}: the current row is its version row`).toEqual(c.dashboard);
    }
    const orphans = versions.filter((v) => v.version > (current.find((c) => c.uid === v.uid)?.version ?? 0)).length;
    expect(orphans, "a transaction leaves no version above the current one").toBe(0);
    return { note: `${current.length} dashboard rows, ${versions.length} version rows`, orphans };
  } finally {
    await client.end();
  }
}

let postgres: Promise<PostgresServer> | undefined;

const STORES: StoreUnderTest[] = [
  {
    name: "file",
    databaseUrl: async () => "",
    inspect: inspectFiles,
    // A restarted server sweeps the temp files older than a minute (younger ones may be another live
    // process's write): age them, as the time between a crash and a restart would.
    beforeRestart: async (app) => {
      const aged = new Date(Date.now() - TEMP_SWEEP_MIN_AGE_MS - 1_000);
      for (const f of await tempFiles(app.dataDir)) await utimes(path.join(app.dataDir, f), aged, aged);
    },
    afterRestart: async (app) => expect(await tempFiles(app.dataDir), "the start-up sweep removed the temp files").toEqual([]),
  },
  {
    name: "postgres",
    databaseUrl: async () => (await (postgres ??= startPostgres())).createDatabase(),
    inspect: (app) => inspectRows(app.databaseUrl),
  },
];

afterAll(async () => {
  await closePools();
  await (await postgres)?.destroy();
});

interface Ack {
  uid: string;
  version: number;
  token: string;
}

function childEnv(app: StoreApp, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ORRERY_CONFIG: app.configFile,
    ORRERY_DATA_DIR: app.dataDir,
    ORRERY_PROVISIONED_DIR: path.join(app.root, "provisioned"),
    ORRERY_DASHBOARD_VERSIONS: "10000",
    CRASH_BEARER: app.bearer,
    ORRERY_DATABASE_URL: app.databaseUrl,
    ...extra,
  };
}

const NODE_ARGS = ["--conditions=react-server", "--import", "tsx", CHILD];

function runAndKill(app: StoreApp, killAfter: number): Promise<{ acks: Ack[]; conflicts: number }> {
  const child = spawn(process.execPath, NODE_ARGS, { cwd: REPO, env: childEnv(app), stdio: ["ignore", "pipe", "pipe"] });
  const acks: Ack[] = [];
  let conflicts = 0;
  let pending = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdout.on("data", (d: Buffer) => {
    const lines = (pending + d.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const [kind, uid, v, token] = line.split(" ");
      if (kind === "ack") acks.push({ uid: uid!, version: Number(v), token: token! });
      if (kind === "conflict") conflicts++;
    }
    if (acks.length >= killAfter && child.exitCode === null) child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => (signal === "SIGKILL" ? resolve({ acks, conflicts }) : reject(new Error(`child exited with ${code} before the kill:\n${stderr}`))));
  });
}

const get = (uid: string) => new Request(`${APP_ORIGIN}/api/dashboards/${uid}`);

async function readVersion(app: AppEnv, uid: string, v: number) {
  const res = await version.GET(new Request(`${APP_ORIGIN}/api/dashboards/${uid}/versions/${v}`, { headers: { authorization: app.bearer } }), { params: Promise.resolve({ uid, version: String(v) }) });
  return { status: res.status, json: (await res.json()) as { dashboard?: { description?: string }; meta?: { version: number } } };
}

async function readCurrent(app: AppEnv, uid: string) {
  const res = await item.GET(new Request(get(uid), { headers: { authorization: app.bearer } }), { params: Promise.resolve({ uid }) });
  return { status: res.status, json: (await res.json()) as { dashboard: { description: string }; meta: { version: number } } };
}

/** The app environment with the store's database URL ("" for files). */
type StoreApp = AppEnv & { databaseUrl: string };

/** Sets the store's ORRERY_DATABASE_URL before useApp, so its admin API token goes to the store the app reads (PostgreSQL holds auth state too). */
async function selectStore(store: StoreUnderTest): Promise<{ databaseUrl: string }> {
  const databaseUrl = await store.databaseUrl();
  vi.stubEnv("ORRERY_DATABASE_URL", databaseUrl);
  return { databaseUrl };
}

for (const store of STORES) {
  describe(`${store.name} store under SIGKILL`, () => {
    let app: StoreApp;
    beforeAll(async () => {
      const selected = await selectStore(store);
      app = Object.assign(await useApp([]), selected);
    }, 120_000);
    afterAll(() => app?.cleanup());

    it(`${CYCLES} kill cycles × concurrent saves: 0 acknowledged saves lost, 0 unreadable, one winner per version`, { timeout: 3_600_000 }, async () => {
      const acked: Ack[] = [];
      const notes: string[] = [];
      let orphans = 0;
      for (let c = 0; c < CYCLES; c++) {
        const cycle = await runAndKill(app, 10 + Math.floor(Math.random() * 60));
        acked.push(...cycle.acks);
        const raw = await store.inspect(app);
        orphans += raw.orphans;
        notes.push(`cycle ${c + 1}: ${cycle.acks.length} acks, ${cycle.conflicts} conflicts, ${raw.note}`);
        // The server restarts: a fresh repository (the file store sweeps on first use).
        await store.beforeRestart?.(app);
        resetRepository();
        // One winner per version: no two acknowledged saves share uid and version.
        const winners = new Map<string, string>();
        for (const a of acked) {
          const key = `${a.uid}@${a.version}`;
          expect(winners.get(key) ?? a.token, `two acknowledged winners for ${key}`).toBe(a.token);
          winners.set(key, a.token);
        }
        // Every acknowledged save is there, read back through the API (any store).
        const latest = new Map<string, number>();
        for (const a of acked) latest.set(a.uid, Math.max(latest.get(a.uid) ?? 0, a.version));
        for (const [uid, v] of latest) {
          const current = await readCurrent(app, uid);
          expect(current.status, `${uid} reads`).toBe(200);
          expect(current.json.meta.version, `${uid}: acknowledged v${v}`).toBeGreaterThanOrEqual(v);
        }
        for (const a of cycle.acks) {
          const r = await readVersion(app, a.uid, a.version);
          expect(r.status, `${a.uid} v${a.version} reads`).toBe(200);
          expect(r.json.dashboard?.description, `${a.uid} v${a.version} is the acknowledged save`).toBe(a.token);
        }
        await store.afterRestart?.(app);
        // A save goes on from the current version (over any orphan version file the kill left).
        const [uid] = latest.keys();
        if (uid) {
          const current = await readCurrent(app, uid);
          const res = await item.PUT(
            new Request(get(uid), { method: "PUT", headers: { authorization: app.bearer, origin: APP_ORIGIN, "content-type": "application/json" }, body: JSON.stringify({ dashboard: current.json.dashboard, version: current.json.meta.version }) }),
            { params: Promise.resolve({ uid }) },
          );
          expect(res.status, await res.clone().text()).toBe(200);
          expect(((await res.json()) as { meta: { version: number } }).meta.version).toBe(current.json.meta.version + 1);
        }
      }
      recordFigure({ suite: "storage crash", store: store.name, cycles: CYCLES, acknowledged: acked.length, lost: 0, unreadable: 0, doubleWinners: 0, orphanVersions: orphans });
      console.log(`${store.name}: ${acked.length} acknowledged saves over ${CYCLES} kills\n  ${notes.join("\n  ")}`);
      expect(acked.length).toBeGreaterThanOrEqual(CYCLES * 10);
    });
  });
}

// Syscall fault injection on the save path (we run as root here, so a read-only folder would not
// stop writes; strace's inject does). The save answers a clear 5xx and the previous version stays.
const HAS_STRACE = spawnSync("strace", ["-V"]).status === 0;

describe.skipIf(!HAS_STRACE)("file store: disk full and I/O errors on save", () => {
  let app: StoreApp;
  beforeAll(async () => {
    const selected = await selectStore(STORES[0]!);
    app = Object.assign(await useApp([]), selected);
    const r = spawnSync(process.execPath, NODE_ARGS, { cwd: REPO, env: childEnv(app, { CRASH_MODE: "once", CRASH_UID: "full" }), encoding: "utf8" });
    expect(r.stdout).toMatch(/^result 201 /m);
  }, 60_000);
  afterAll(() => app?.cleanup());

  const CASES: [string, string, string, number, RegExp][] = [
    ["fsync: ENOSPC (disk full, as delayed allocation reports it)", "fsync", "ENOSPC", 507, /out of space/],
    ["fsync: EIO", "fsync", "EIO", 500, /I\/O error/],
    ["rename: EROFS (read-only file system)", "rename", "EROFS", 500, /not writable/],
    ["rename: EACCES (permission denied)", "rename", "EACCES", 500, /not writable/],
  ];
  // strace -f slows node's start-up a lot: two cases in the quick profile, all under test:hard.
  it.each(HARD ? CASES : [CASES[0]!, CASES[2]!])("%s → a clear 5xx; the previous version is intact; no temp file; the next save succeeds", { timeout: 60_000 }, async (_name, syscall, errno, status, says) => {
    const before = await readCurrent(app, "full");
    const currentFile = path.join(app.dataDir, "full", "current.json");
    const raw = await readFile(currentFile, "utf8");
    // fsync and rename are the save path's own calls (node's start-up and stdout make none), so every
    // one fails. strace -P matches exact paths only, so write(2) to a random temp name can't be targeted.
    const dir = path.join(app.dataDir, "full");
    const inject = ["-e", `trace=${syscall}`, "-e", `inject=${syscall}:error=${errno}`];
    const r = spawnSync("strace", ["-f", "-qq", "-o", "/dev/null", ...inject, process.execPath, ...NODE_ARGS], {
      cwd: REPO,
      env: childEnv(app, { CRASH_MODE: "once", CRASH_UID: "full" }),
      encoding: "utf8",
      timeout: 60_000,
    });
    const m = /^result (\d+) (.*)$/m.exec(r.stdout);
    expect(m, `child output: ${r.stdout}\n${r.stderr}`).not.toBeNull();
    expect(Number(m![1])).toBe(status);
    const body = JSON.parse(m![2]!) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(says);
    expect(body.error.message).toContain(errno);
    expect(body.error.message).not.toContain(app.dataDir); // no server paths in answers
    // Previous version intact, byte for byte; no temp file left.
    expect(await readFile(currentFile, "utf8")).toBe(raw);
    const after = await readCurrent(app, "full");
    expect(after.json.meta.version).toBe(before.json.meta.version);
    const leftovers = (await readdir(dir, { recursive: true })).filter((f) => isTempFile(path.basename(String(f))));
    expect(leftovers).toEqual([]);
    // Once the fault is gone the next save succeeds.
    const ok = spawnSync(process.execPath, NODE_ARGS, { cwd: REPO, env: childEnv(app, { CRASH_MODE: "once", CRASH_UID: "full" }), encoding: "utf8" });
    expect(ok.stdout).toMatch(/^result 200 /m);
    recordFigure({ suite: "storage faults", fault: `${syscall}:${errno}`, status, previousIntact: true });
  });
});
