import { ConfigError, getConfig } from "@/lib/config";
import { startAuth } from "@/lib/auth/startup";
import { StoreUnavailableError } from "@/lib/storage/errors";
import { startStorage } from "@/lib/storage/startup";

/**
 * A bad configuration stops start-up with a message naming the field, rather than failing later per
 * request. Auth problems (production without a secret or public URL) are ConfigErrors too.
 */
export async function start(): Promise<void> {
  try {
    const config = getConfig();
    console.log(`orrery: ${config.datasources.length} datasource(s): ${config.datasources.map((d) => d.id).join(", ") || "none"}`);
    console.log(`orrery: ${await startStorage(config)}`);
    console.log(`orrery: ${(await startAuth(config)).summary}`);
  } catch (e) {
    // An unreachable database at start: exit, so the orchestrator restarts us (with back-off) until it is there.
    if (!(e instanceof ConfigError) && !(e instanceof StoreUnavailableError)) throw e;
    console.error(`orrery: ${e.message}`);
    process.exit(1);
  }
}
