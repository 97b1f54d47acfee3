import { ConfigError, getConfig } from "@/lib/config";
import { startAuth } from "@/lib/auth/startup";

/**
 * A bad configuration stops start-up with a message naming the field, rather than failing later per
 * request. Auth problems (production without a secret or public URL) are ConfigErrors too.
 */
export async function start(): Promise<void> {
  try {
    const config = getConfig();
    console.log(`orrery: ${config.datasources.length} datasource(s): ${config.datasources.map((d) => d.id).join(", ") || "none"}`);
    console.log(`orrery: ${(await startAuth(config)).summary}`);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`orrery: ${e.message}`);
    process.exit(1);
  }
}
