import "server-only";
import { getConfig } from "@/lib/config";
import { databaseUrl } from "./config";
import { FileDocumentStore, type DocumentStore } from "./documents";
import { PostgresDocumentStore } from "./postgres/documents";
import { getPool } from "./postgres/pool";

type Env = Record<string, string | undefined>;

/** The PostgreSQL URL of this process (ORRERY_DATABASE_URL, else `storage.databaseUrl`), or undefined for files. */
export function configuredDatabaseUrl(env: Env = process.env): string | undefined {
  // The config file is only consulted when the variable is unset, so file-store set-ups never depend on it.
  return databaseUrl(env) ?? databaseUrl({}, getConfig().storage);
}

/** Where the auth documents of `dir` live: PostgreSQL when a database URL is configured, else files in `dir`. */
export function documentStoreFor(dir: string, env: Env = process.env): DocumentStore {
  const url = configuredDatabaseUrl(env);
  return url ? new PostgresDocumentStore(getPool(url)) : new FileDocumentStore(dir);
}
