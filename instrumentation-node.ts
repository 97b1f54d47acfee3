import { ConfigError, getConfig } from "@/lib/config";
import { startAuth } from "@/lib/auth/startup";
import { StoreUnavailableError } from "@/lib/storage/errors";
import { startStorage } from "@/lib/storage/startup";
import { log } from "@/lib/ops/log";
import { getRedis } from "@/lib/redis/client";

/**
 * A bad configuration stops start-up with a message naming the field, rather than failing later per
 * request. Auth problems (production without a secret or public URL) are ConfigErrors too.
 * Start-up lines are JSON (pino); the fatal message is also printed plainly for people reading a terminal.
 */
export async function start(): Promise<void> {
  try {
    const config = getConfig();
    log.info({ datasources: config.datasources.map((d) => d.id) }, `orrery: ${config.datasources.length} datasource(s): ${config.datasources.map((d) => d.id).join(", ") || "none"}`);
    log.info(`orrery: ${await startStorage(config)}`);
    log.info(`orrery: ${(await startAuth(config)).summary}`);
    // Connect early, so /api/health knows the state; the URL is never logged (it may hold a password).
    const redis = getRedis();
    log.info({ redis: redis ? "configured" : "off", rateLimit: config.query?.rateLimit ?? null }, redis ? "orrery: Redis shares the results cache, coalescing and rate limits" : "orrery: no ORRERY_REDIS_URL: cache and limits are per process");
  } catch (e) {
    // An unreachable database at start: exit, so the orchestrator restarts us (with back-off) until it is there.
    if (!(e instanceof ConfigError) && !(e instanceof StoreUnavailableError)) throw e;
    log.fatal({ err: e }, e instanceof ConfigError ? "invalid configuration" : "storage unavailable");
    console.error(`orrery: ${e.message}`);
    process.exit(1);
  }
}
