import "server-only";
import { pino, type Logger } from "pino";

/**
 * The process's structured logger: one JSON object per line on stdout (pino), level from
 * ORRERY_LOG_LEVEL (default info; "silent" turns it off). No transports: they start worker
 * threads, which Next's bundling and the standalone output do not need.
 */
export const log: Logger = pino({
  level: process.env.ORRERY_LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { app: "orrery" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
