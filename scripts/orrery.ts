// `npm run orrery -- <command>`: operator commands run beside (not inside) the server.
//   migrate-dashboards --from <file:dir | postgres://...> --to <file:dir | postgres://...>
import { parseArgs } from "node:util";
import { migrateArchives, formatReport, openArchive } from "@/lib/dashboards/repository/transfer/migrate";
import { closePools } from "@/lib/storage/postgres/pool";

const USAGE = `usage: npm run orrery -- migrate-dashboards --from <source> --to <target>

  <source>, <target>: file:<folder>  a file store's data folder (ORRERY_DATA_DIR, e.g. file:./data/dashboards)
                      postgres://user:password@host:port/database   a PostgreSQL store (migrated first)

Copies every saved dashboard with its history, and the auth state (users, API tokens, embed
tokens, short links). Idempotent: run it again and it reports 0 new. Never overwrites: a dashboard
or document that differs in the target is reported as a conflict (exit code 2). Provisioned
dashboards are not copied. Stop the app writing a file store while it runs.`;

async function migrateDashboards(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) return (console.log(USAGE), 0);
  if (!values.from || !values.to) return (console.error(`migrate-dashboards needs --from and --to\n\n${USAGE}`), 64);
  if (values.from === values.to) return (console.error("--from and --to name the same store"), 64);
  const from = openArchive(values.from);
  const to = openArchive(values.to);
  const report = await migrateArchives(from, to);
  console.log(formatReport(report));
  return report.conflicts.length > 0 ? 2 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "migrate-dashboards") return migrateDashboards(rest);
  console.error(command && command !== "help" && command !== "--help" ? `unknown command ${JSON.stringify(command)}\n\n${USAGE}` : USAGE);
  return command === "help" || command === "--help" ? 0 : 64;
}

main(process.argv.slice(2))
  .then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(`orrery: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  )
  .finally(() => closePools());
