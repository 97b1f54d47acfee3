import { ApiError, BadRequestError } from "@/lib/http/errors";

/**
 * 503: the store (PostgreSQL) cannot be reached. `message` says what could not be done, where, and
 * whether anything was written, so a client can tell "retry later" from "your data is wrong".
 */
export class StoreUnavailableError extends ApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(503, "store_unavailable", message);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

// SQLSTATE classes and codes that mean "the server is not there (now)", not "the request is wrong":
// 08 connection exception, 57P01-57P03 admin/crash shutdown and "cannot connect now" (starting up),
// 28 wrong credentials and 3D000 no such database (the server is there, but not for us),
// 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300|28...|3D000)$/;
const UNAVAILABLE_ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENOENT"]);
const UNAVAILABLE_TEXT = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|Client was closed/i;

/** Whether a `pg` error means the database is unreachable (as opposed to a bad statement or data). */
export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const { code } = e as { code?: unknown };
  if (typeof code === "string" && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (e instanceof AggregateError) return e.errors.some(isConnectionError);
  return UNAVAILABLE_TEXT.test(e.message);
}

/** A short reason for logs and error messages: the errno or SQLSTATE and the first line, no URLs. */
export function shortReason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const { code } = e as { code?: unknown };
  const first = (e.message || (e instanceof AggregateError ? e.errors.map((x: Error) => x.message).join("; ") : "") || e.name).split("\n")[0]!;
  return typeof code === "string" && !first.includes(code) ? `${code}: ${first}` : first;
}

/**
 * Maps an error of a store operation: ApiErrors pass through; connection problems become a 503
 * naming `what` failed and `where`; text PostgreSQL cannot hold (NUL) becomes a 400; anything else
 * is rethrown unchanged (a 500 whose detail is only logged).
 */
export function translateStoreError(e: unknown, what: string, where: string, written: "nothing" | "unknown" | "read"): unknown {
  if (e instanceof ApiError) return e;
  if (isConnectionError(e)) {
    const tail = written === "nothing" ? "; nothing was saved, try again" : written === "unknown" ? "; the connection broke while committing, reload to see whether it was saved" : "";
    return new StoreUnavailableError(`the store is unavailable: cannot ${what} (PostgreSQL ${where}: ${shortReason(e)})${tail}`, { cause: e });
  }
  const { code } = (e ?? {}) as { code?: unknown };
  if (code === "22P05" || code === "22021") {
    return new BadRequestError("the document contains a NUL character (\\u0000), which the PostgreSQL store cannot hold", [{ path: "dashboard", message: "must not contain \\u0000" }]);
  }
  return e;
}
