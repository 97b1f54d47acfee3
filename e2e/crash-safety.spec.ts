import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_APP_CONFIG, findFreePort } from "../scripts/stack";
import { E2E_ADMIN_PASSWORD } from "../test/oidc/e2e-config";
import { signInCookie } from "./auth";

// The real server process is SIGKILLed while many saves are in flight; after a restart every
// dashboard file parses and every save the server acknowledged (HTTP 200/201) is there.

const UIDS = ["crash-a", "crash-b", "crash-c", "crash-d"];
const WRITERS_PER_UID = 2; // two editors per dashboard: one wins each version, the other gets 409s

async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn("./node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    // A long history, so every acknowledged version can be read back (pruning is tested elsewhere).
    env: {
      ...process.env,
      ORRERY_CONFIG: E2E_APP_CONFIG,
      ORRERY_DATA_DIR: dataDir,
      ORRERY_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      ORRERY_DASHBOARD_VERSIONS: "10000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    detached: true,
    stdio: "ignore",
  });
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/api/auth/providers`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
  return child;
}

function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

const doc = (uid: string, title: string) => ({
  schemaVersion: 1, uid, title,
  panels: [{ id: 1, type: "timeseries", title, gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "up" }] }],
});

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith(".json") ? [full] : [];
  });
}

test("SIGKILL during concurrent saves loses no acknowledged save and leaves every file readable", async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "orrery-crash-"));
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}/api/dashboards`;
  const acked = new Map<string, { version: number; title: string }[]>(UIDS.map((u) => [u, []]));
  let server = await startServer(port, dataDir);
  // Signed in as the bootstrap admin, sending the Origin a browser would (the CSRF check); the JWT session survives restarts.
  const auth = { cookie: await signInCookie(`http://127.0.0.1:${port}`), origin: `http://127.0.0.1:${port}` };
  const fetch = (url: string, init: RequestInit = {}) => globalThis.fetch(url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
  for (const uid of UIDS) expect((await fetch(base, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dashboard: doc(uid, `${uid} 1`) }) })).status).toBe(201);

  for (let cycle = 0; cycle < 3; cycle++) {
    let stop = false;
    const writer = async (uid: string, w: number) => {
      let n = 0;
      while (!stop) {
        const current = await fetch(`${base}/${uid}`).then((r) => r.json()).catch(() => null);
        if (!current?.meta) return;
        const title = `${uid} c${cycle} w${w} n${n++}`;
        const res = await fetch(`${base}/${uid}`, {
          method: "PUT", headers: { "content-type": "application/json" },
          body: JSON.stringify({ dashboard: doc(uid, title), version: current.meta.version }),
        }).catch(() => null);
        // Acknowledged = a 200 whose body arrived whole; a connection cut mid-body is no acknowledgement.
        const body = res?.status === 200 ? await res.json().catch(() => null) : null;
        if (body?.meta) acked.get(uid)!.push({ version: body.meta.version, title });
      }
    };
    const writers = UIDS.flatMap((uid) => Array.from({ length: WRITERS_PER_UID }, (_, w) => writer(uid, w)));
    // Kill once enough saves are acknowledged that the kill surely lands mid-write.
    const before = [...acked.values()].reduce((s, a) => s + a.length, 0);
    await expect.poll(() => [...acked.values()].reduce((s, a) => s + a.length, 0) - before, { timeout: 30_000, intervals: [20] }).toBeGreaterThan(40);
    killGroup(server);
    stop = true;
    await Promise.all(writers);

    server = await startServer(port, dataDir);
    for (const file of jsonFiles(dataDir)) expect(() => JSON.parse(readFileSync(file, "utf8")), file).not.toThrow();
    for (const uid of UIDS) {
      const current = await (await fetch(`${base}/${uid}`)).json();
      const saves = acked.get(uid)!;
      const newest = saves.at(-1)!;
      expect(current.meta.version).toBeGreaterThanOrEqual(newest.version);
      // Every acknowledged version is still in the history with exactly the acknowledged content.
      for (const save of saves) {
        const version = await (await fetch(`${base}/${uid}/versions/${save.version}`)).json();
        expect(version.dashboard.title, `${uid} v${save.version}`).toBe(save.title);
      }
    }
  }
  killGroup(server);
  expect([...acked.values()].reduce((s, a) => s + a.length, 0)).toBeGreaterThan(120);
});
