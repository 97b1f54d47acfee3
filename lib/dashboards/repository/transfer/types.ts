import type { DocumentStore } from "@/lib/storage/documents";
import type { RawRecord } from "../records";

/** A stored dashboard as the migration tool moves it: the current record and every version up to it, ascending. */
export interface RecordSet {
  current: RawRecord;
  versions: RawRecord[];
}

export type WriteOutcome = { dashboard: "new" | "unchanged" | "conflict"; versionsAdded: number; targetVersion?: number };

/** One side of a migration: a file data folder or a PostgreSQL database. */
export interface DashboardArchive {
  /** "file:/abs/path" or "PostgreSQL host:port/db", for the report. */
  readonly label: string;
  uids(): Promise<string[]>;
  read(uid: string): Promise<RecordSet | undefined>;
  /**
   * Adds `set` unless the uid is there: then only versions it lacks are added when its current
   * record is the same, and nothing at all when it differs (a conflict, left for a person).
   */
  write(uid: string, set: RecordSet): Promise<WriteOutcome>;
  /** The auth documents (users, API tokens, embed tokens, short links). */
  readonly documents: DocumentStore;
  close(): Promise<void>;
}
