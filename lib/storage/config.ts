import { z } from "zod";

type Env = Record<string, string | undefined>;

/** `storage` in the config file: where dashboards and auth state live when not on local disk. */
export const storageConfigSchema = z.strictObject({
  /** `postgres://user:password@host:port/database`; ORRERY_DATABASE_URL takes precedence. */
  databaseUrl: z
    .string()
    .refine((s) => isPostgresUrl(s), { message: 'must be a PostgreSQL URL such as "postgres://orrery:secret@db:5432/orrery"' })
    .optional(),
});
export type StorageConfig = z.infer<typeof storageConfigSchema>;

/** Whether `text` is a `postgres://` or `postgresql://` URL with a host. */
export function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * The PostgreSQL URL the stores use, or undefined for the file stores: ORRERY_DATABASE_URL (an empty
 * value counts as unset), else `storage.databaseUrl` of the config file. Throws naming the variable
 * when it is not a PostgreSQL URL.
 */
export function databaseUrl(env: Env = process.env, config?: StorageConfig): string | undefined {
  const fromEnv = env.ORRERY_DATABASE_URL;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!isPostgresUrl(fromEnv)) throw new Error(`ORRERY_DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:port/database), got ${JSON.stringify(redactUrl(fromEnv))}`);
    return fromEnv;
  }
  return config?.databaseUrl;
}

/** `host:port/database` of a PostgreSQL URL: what logs and error messages show (never the password). */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}

/** The URL with any password replaced by `***`. */
export function redactUrl(text: string): string {
  try {
    const u = new URL(text);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return text.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}
