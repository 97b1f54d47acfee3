// Starts a test PostgreSQL with one fresh database, prints its URL, and runs until SIGINT/SIGTERM:
//   npx tsx test/pg/serve.ts   (ORRERY_TEST_PORT_BASE picks the port range)
// e.g. for the e2e specs on PostgreSQL: ORRERY_E2E_DATABASE_URL=<printed URL> npx playwright test ...
import { startPostgres } from "./postgres";

const server = await startPostgres();
const url = await server.createDatabase("e2e");
console.log(url);
const stop = () => void server.destroy().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => undefined, 1 << 30);
