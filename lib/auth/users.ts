import "server-only";
import path from "node:path";
import { z } from "zod";
import type { LocalUser } from "./config-schema";
import { JsonFileStore } from "./json-file";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords";
import type { Role } from "./roles";

/** The user created on first start from ORRERY_ADMIN_PASSWORD. */
export const BOOTSTRAP_ADMIN = "admin";

export const storedUserSchema = z.strictObject({
  username: z.string(),
  passwordHash: z.string(),
  role: z.enum(["viewer", "editor", "admin"]),
  createdAt: z.string(),
});
const fileSchema = z.strictObject({ version: z.literal(1), users: z.array(storedUserSchema) });

/** The stored users file (`<dir>/users.json`); lib/auth/user-admin.ts manages it for the admin page. */
export function usersFile(dir: string) {
  return new JsonFileStore(path.join(dir, "users.json"), fileSchema, () => ({ version: 1 as const, users: [] }));
}

export type BootstrapResult = "created" | "exists" | "no-password";

/**
 * Creates the `admin` user (role admin) from ORRERY_ADMIN_PASSWORD when the data folder has none
 * yet. Later starts leave it alone: changing the variable does not change the stored password.
 */
export async function ensureAdminUser(dir: string, env: Record<string, string | undefined> = process.env): Promise<BootstrapResult> {
  const password = env.ORRERY_ADMIN_PASSWORD;
  const store = usersFile(dir);
  if ((await store.read()).users.some((u) => u.username === BOOTSTRAP_ADMIN)) return "exists";
  if (!password) return "no-password";
  const passwordHash = await hashPassword(password);
  return store.update((doc) => {
    if (doc.users.some((u) => u.username === BOOTSTRAP_ADMIN)) return { result: "exists" as const, write: false };
    doc.users.push({ username: BOOTSTRAP_ADMIN, passwordHash, role: "admin", createdAt: new Date().toISOString() });
    return { result: "created" as const };
  });
}

/** Local users: those in the config file, then the ones stored in the data folder (the bootstrap admin). */
export async function localUsers(dir: string, configured: LocalUser[]): Promise<LocalUser[]> {
  const stored = (await usersFile(dir).read()).users;
  const names = new Set(configured.map((u) => u.username));
  return [...configured, ...stored.filter((u) => !names.has(u.username)).map(({ username, passwordHash, role }) => ({ username, passwordHash, role }))];
}

/** The user's name and role when the password is right, else null; unknown names cost the same time. */
export async function verifyCredentials(
  dir: string,
  configured: LocalUser[],
  username: string,
  password: string,
): Promise<{ username: string; role: Role } | null> {
  if (typeof username !== "string" || typeof password !== "string" || username.length > 64 || password.length > 1024) return null;
  const user = (await localUsers(dir, configured)).find((u) => u.username === username);
  if (!user) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(password, user.passwordHash)) ? { username: user.username, role: user.role } : null;
}

/** The current role of a local user, or null when the user no longer exists (their session stops working). */
export async function localUserRole(dir: string, configured: LocalUser[], username: string): Promise<Role | null> {
  return (await localUsers(dir, configured)).find((u) => u.username === username)?.role ?? null;
}
