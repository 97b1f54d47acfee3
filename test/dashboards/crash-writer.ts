// Child process of crash-safety.test.ts: saves dashboards through the file repository, many at a
// time, until it is killed. Prints `ack <uid> <version> <token>` once a save has resolved, so every
// printed line is a save the store acknowledged. Run with
//   node --conditions=react-server --import tsx test/dashboards/crash-writer.ts
// (react-server makes `server-only` a no-op) and ORRERY_DATA_DIR / ORRERY_DASHBOARD_VERSIONS set.
import { FileDashboardRepository, loadRepositoryConfig } from "@/lib/dashboards/repository";
import { parseDashboard } from "@/lib/dashboards/parse";
import type { Dashboard } from "@/lib/dashboards/schema";
import { ApiError } from "@/lib/http/errors";

const UIDS = Number(process.env.CRASH_UIDS ?? 4);
const WRITERS_PER_UID = Number(process.env.CRASH_WRITERS ?? 3);
const repo = new FileDashboardRepository(loadRepositoryConfig());
const user = { user: `writer-${process.pid}` };
let counter = 0;

function dashboard(uid: string, token: string): Dashboard {
  // Sizes vary up to ~100 KB so a kill often lands inside a write, not between saves.
  const content = "x".repeat(Math.floor(Math.random() * 100_000));
  const parsed = parseDashboard({
    schemaVersion: 1,
    uid,
    title: `Crash ${uid}`,
    description: token,
    panels: [{ id: 1, type: "text", gridPos: { x: 0, y: 0, w: 24, h: 4 }, options: { content } }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.dashboard;
}

const ack = (uid: string, version: number, token: string) => process.stdout.write(`ack ${uid} ${version} ${token}\n`);

async function writer(uid: string, id: number): Promise<never> {
  for (;;) {
    const token = `${process.pid}-${id}-${counter++}`;
    try {
      const current = await repo.get(uid);
      // Every fifth operation restores the previous version instead, which is a save too.
      const saved =
        counter % 5 === 0 && current.meta.version > 1
          ? await repo.restore(uid, current.meta.version - 1, { ...user, fromVersion: current.meta.version })
          : await repo.update(uid, dashboard(uid, token), current.meta.version, user);
      ack(uid, saved.meta.version, saved.dashboard.description);
    } catch (e) {
      // Conflicts are expected (writers of one uid race); a pruned restore source is a 404.
      if (!(e instanceof ApiError) || (e.status !== 409 && e.status !== 404)) throw e;
      process.stdout.write(`conflict ${uid}\n`);
    }
  }
}

async function main(): Promise<void> {
  const uids = Array.from({ length: UIDS }, (_, i) => `crash-${i}`);
  for (const uid of uids) {
    try {
      const created = await repo.create(dashboard(uid, `${process.pid}-create-${uid}`), user);
      ack(uid, created.meta.version, created.dashboard.description);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 409) throw e;
    }
  }
  process.stdout.write("ready\n");
  await Promise.all(uids.flatMap((uid) => Array.from({ length: WRITERS_PER_UID }, (_, w) => writer(uid, w))));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
