import type { Issue } from "@/lib/validation/issues";

/**
 * An error a route handler may let escape: `route()` answers it with `status` and
 * `{ error: { code, message, issues?, ...details } }`. Never throw plain objects.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    /** Extra fields for the error body, e.g. the newer version on a conflict. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request is malformed; `issues` name each failing field. */
export class BadRequestError extends ApiError {
  constructor(message: string, issues?: Issue[]) {
    super(400, "bad_request", message, issues);
  }
}

/** 401: no session; kept here so the auth work maps to the same body. */
export class UnauthorizedError extends ApiError {
  constructor(message = "sign in first") {
    super(401, "unauthorized", message);
  }
}

/** 403: the caller may not do this, or the resource is read-only. */
export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super(403, "forbidden", message);
  }
}

/** 404: the resource does not exist. */
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super(404, "not_found", message);
  }
}

/** 409: the request conflicts with the stored state; `details` describe that state. */
export class ConflictError extends ApiError {
  constructor(message: string, details?: Record<string, unknown>, code = "conflict") {
    super(409, code, message, undefined, details);
  }
}

/** 413: the body exceeds the limit. */
export class PayloadTooLargeError extends ApiError {
  constructor(maxBytes: number) {
    super(413, "payload_too_large", `request body exceeds ${maxBytes} bytes`);
  }
}

/** 415: the body is not JSON. */
export class UnsupportedMediaTypeError extends ApiError {
  constructor(got: string | null) {
    super(415, "unsupported_media_type", `request body must be application/json, got "${got || "none"}"`);
  }
}
