// Child process of store-crash.test.ts: saves dashboards through the real route handlers (POST
// /api/dashboards, PUT /api/dashboards/<uid>), many at a time, with the store the environment
// configures (file store today; PostgreSQL when its env is set). After each 200/201 it writes
// `ack <uid> <version> <token>` to stdout, so every line is a save the API acknowledged.
//   CRASH_MODE=loop (default): until killed.   CRASH_MODE=once: one save of CRASH_UID, prints
//   `result <status> <json>` and exits (the disk-full test runs this under strace).
// Run: node --conditions=react-server --import tsx test/reliability/crash-child.ts
// Env: ORRERY_CONFIG, ORRERY_DATA_DIR, ORRERY_PROVISIONED_DIR, CRASH_BEARER (an admin API token).
import * as collection from "@/app/api/dashboards/route";
import * as item from "@/app/api/dashboards/[uid]/route";

const ORIGIN = "http://crash.child";
const bearer = process.env.CRASH_BEARER!;
const UIDS = Number(process.env.CRASH_UIDS ?? 4);
const WRITERS = Number(process.env.CRASH_WRITERS ?? 3);
let counter = 0;

const doc = (uid: string, token: string) => ({
  schemaVersion: 1,
  uid,
  title: `Crash ${uid}`,
  description: token,
  // Up to ~100 KB, so a kill often lands inside a write rather than between saves.
  panels: [{ id: 1, type: "text", gridPos: { x: 0, y: 0, w: 24, h: 4 }, options: { content: "x".repeat(Math.floor(Math.random() * 100_000)) } }],
});

function req(method: string, path: string, body?: unknown): Request {
  return new Request(`${ORIGIN}${path}`, {
    method,
    headers: { authorization: bearer, origin: ORIGIN, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const ctx = (uid: string) => ({ params: Promise.resolve({ uid }) });
const ack = (uid: string, version: number, token: string) => process.stdout.write(`ack ${uid} ${version} ${token}\n`);

async function currentVersion(uid: string): Promise<number | undefined> {
  const res = await item.GET(req("GET", `/api/dashboards/${uid}`), ctx(uid));
  if (res.status !== 200) return undefined;
  return ((await res.json()) as { meta: { version: number } }).meta.version;
}

async function saveOnce(uid: string, token: string): Promise<Response> {
  const version = await currentVersion(uid);
  if (version === undefined) return collection.POST(req("POST", "/api/dashboards", { dashboard: doc(uid, token) }), { params: Promise.resolve({}) });
  return item.PUT(req("PUT", `/api/dashboards/${uid}`, { dashboard: doc(uid, token), version }), ctx(uid));
}

async function writer(uid: string, id: number): Promise<never> {
  for (;;) {
    const token = `${process.pid}-${id}-${counter++}`;
    const res = await saveOnce(uid, token);
    if (res.status === 200 || res.status === 201) {
      const saved = (await res.json()) as { meta: { version: number }; dashboard: { description: string } };
      ack(uid, saved.meta.version, saved.dashboard.description);
    } else if (res.status === 409) {
      process.stdout.write(`conflict ${uid}\n`);
    } else {
      throw new Error(`save of ${uid} answered ${res.status}: ${await res.text()}`);
    }
  }
}

async function main(): Promise<void> {
  if (process.env.CRASH_MODE === "once") {
    const uid = process.env.CRASH_UID!;
    const res = await saveOnce(uid, `once-${process.pid}`);
    process.stdout.write(`result ${res.status} ${await res.text()}\n`);
    return;
  }
  const uids = Array.from({ length: UIDS }, (_, i) => `crash-${i}`);
  process.stdout.write("ready\n");
  await Promise.all(uids.flatMap((uid) => Array.from({ length: WRITERS }, (_, w) => writer(uid, w))));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
