import { CURRENT_SCHEMA_VERSION } from "./schema/constants";

/** A dashboard document that cannot be brought to the current schema version. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrades from version N to N+1, keyed by N. Version 1 is the first format Orrery has written,
 * so there are none yet; each future change of the schema adds one here with a table test.
 */
const MIGRATIONS: Record<number, Migration> = {};

/**
 * Brings a stored or submitted dashboard document to CURRENT_SCHEMA_VERSION, step by step; the
 * result still has to pass dashboardSchema. Documents from a newer Orrery are refused, not guessed at.
 */
export function migrateDashboard(doc: unknown): unknown {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return doc; // the schema names the problem
  let current = doc as Record<string, unknown>;
  const version = current.schemaVersion;
  if (version === undefined) throw new MigrationError("schemaVersion: missing; Orrery dashboards carry a schemaVersion");
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new MigrationError(`schemaVersion: ${JSON.stringify(version)} is not a dashboard schema version`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new MigrationError(`schemaVersion: ${version} is newer than this Orrery supports (${CURRENT_SCHEMA_VERSION})`);
  }
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new MigrationError(`schemaVersion: no migration from version ${v}`);
    current = { ...step(current), schemaVersion: v + 1 };
  }
  return current;
}
