import { ApiError, BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "@/lib/http/errors";
import type { Issue } from "@/lib/validation/issues";
import type { VersionMeta } from "./types";

/** 409 for a save based on an older version; the body says who saved the newer one and when. */
export function staleVersionError(current: VersionMeta, edited: number): ConflictError {
  return new ConflictError(
    `dashboard ${current.uid} was saved by ${current.updatedBy} at ${current.updatedAt} (version ${current.version}); you edited version ${edited}`,
    { current: { version: current.version, updatedAt: current.updatedAt, updatedBy: current.updatedBy } },
  );
}

/** 404 for an unknown uid. */
export function dashboardNotFound(uid: string): NotFoundError {
  return new NotFoundError(`dashboard ${uid} does not exist`);
}

/** 404 for a version never saved, or pruned from the history. */
export function versionNotFound(uid: string, version: number, kept: number): NotFoundError {
  return new NotFoundError(`dashboard ${uid} has no version ${version} (the history keeps the last ${kept})`);
}

/** 409 for a create whose uid is taken. */
export function alreadyExists(uid: string, provisioned: boolean): ConflictError {
  const how = provisioned ? "as a provisioned dashboard" : "";
  return new ConflictError(`dashboard ${uid} already exists${how ? ` ${how}` : ""}; choose another uid`, undefined, "already_exists");
}

/** 403 for a write to a provisioned dashboard; `action` completes "cannot be ...". */
export function provisionedReadOnly(uid: string, action: string): ForbiddenError {
  return new ForbiddenError(
    `dashboard ${uid} is provisioned from the server's dashboards folder and cannot be ${action}; save a copy under a new uid instead`,
  );
}

/** 400 for a save whose body names another dashboard than its URL. */
export function uidMismatch(pathUid: string, bodyUid: string): BadRequestError {
  return new BadRequestError(`dashboard.uid "${bodyUid}" must match the uid in the URL ("${pathUid}")`, [
    { path: "dashboard.uid", message: `must be "${pathUid}"` },
  ]);
}

/** A stored document that no longer parses: the server's data, so 500, but naming the failing fields. */
export class InvalidStoredDashboardError extends ApiError {
  constructor(uid: string, issues: Issue[]) {
    const first = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
    super(500, "invalid_stored_dashboard", `stored dashboard ${uid} is invalid: ${first}`, issues);
  }
}

// Errors of the disk under a save, answered as a 5xx that says what is wrong (never the path).
const STORAGE_ERRNO: Record<string, { status: number; code: string; text: string }> = {
  ENOSPC: { status: 507, code: "insufficient_storage", text: "the dashboard store is out of space" },
  EDQUOT: { status: 507, code: "insufficient_storage", text: "the dashboard store's disk quota is used up" },
  EROFS: { status: 500, code: "storage_unwritable", text: "the dashboard store is not writable (read-only file system)" },
  EACCES: { status: 500, code: "storage_unwritable", text: "the dashboard store is not writable (permission denied)" },
  EPERM: { status: 500, code: "storage_unwritable", text: "the dashboard store is not writable (operation not permitted)" },
  EIO: { status: 500, code: "storage_error", text: "the dashboard store had an I/O error" },
};

/** A save's file-system error as an ApiError naming the cause and errno; other errors pass unchanged. */
export function storageWriteError(uid: string, e: unknown): unknown {
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  const known = errno ? STORAGE_ERRNO[errno] : undefined;
  if (!known) return e;
  console.error(`[dashboards] saving ${uid} failed:`, e);
  return new ApiError(known.status, known.code, `could not save dashboard ${uid}: ${known.text} (${errno}); try again once the server's storage is fixed`);
}
