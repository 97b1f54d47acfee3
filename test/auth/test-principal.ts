import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { getAuthContext, resetAuthContext } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/roles";

/** The name of the API token tests act with; saves record it as `token:tests`. */
export const TEST_TOKEN_NAME = "tests";
export const TEST_PRINCIPAL = `token:${TEST_TOKEN_NAME}`;

/**
 * Creates an API token with `role` in the auth store the route handlers read now (the data folder
 * of ORRERY_DATA_DIR, a fresh temporary one when unset), the way an admin would, and returns the
 * `Authorization` header value. Route-handler tests send it: production code has no test bypass.
 */
export async function testBearer(role: Role = "admin"): Promise<string> {
  if (!process.env.ORRERY_DATA_DIR) vi.stubEnv("ORRERY_DATA_DIR", mkdtempSync(path.join(tmpdir(), "orrery-auth-test-")));
  resetAuthContext();
  const { token } = await getAuthContext().apiTokens.create({ name: TEST_TOKEN_NAME, role, createdBy: "tests" });
  return `Bearer ${token}`;
}

/** `req` with the Authorization header of a fresh `testBearer(role)` token. */
export async function authed(req: Request, role: Role = "admin"): Promise<Request> {
  const headers = new Headers(req.headers);
  headers.set("authorization", await testBearer(role));
  return new Request(req, { headers });
}
