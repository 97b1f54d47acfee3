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
