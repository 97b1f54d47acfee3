/** Recorded as `updatedBy` until sign-in exists. */
export const ANONYMOUS_USER = "anonymous";

/**
 * Who is making this request, for `updatedBy` on saves. The seam for the session user: until
 * authentication lands every save is recorded as "anonymous".
 */
export async function requestUser(_req: Request): Promise<string> {
  return ANONYMOUS_USER;
}
