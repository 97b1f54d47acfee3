// Child process of multi-process.test.ts: one "replica" on a shared data folder. For every line
// `<round>` on stdin it saves dashboard `race` expecting version <round>, and prints `ok <round>`,
// `conflict <round>` (409) or `error <round> <message>`. Run with
//   node --conditions=react-server --import tsx test/dashboards/racing-writer.ts
import { createInterface } from "node:readline";
import { FileDashboardRepository, loadRepositoryConfig } from "@/lib/dashboards/repository";
import { parseDashboard } from "@/lib/dashboards/parse";
import { ApiError } from "@/lib/http/errors";

const repo = new FileDashboardRepository(loadRepositoryConfig());

createInterface({ input: process.stdin }).on("line", (line) => {
  const round = Number(line);
  const parsed = parseDashboard({ schemaVersion: 1, uid: "race", title: `by ${process.pid} in round ${round}`, panels: [] });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  repo.update("race", parsed.dashboard, round, { user: `pid-${process.pid}` }).then(
    () => process.stdout.write(`ok ${round}\n`),
    (e: unknown) => process.stdout.write(e instanceof ApiError && e.status === 409 ? `conflict ${round}\n` : `error ${round} ${(e as Error).message}\n`),
  );
});
process.stdout.write("ready\n");
