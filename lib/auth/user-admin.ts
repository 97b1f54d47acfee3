import "server-only";
import { z } from "zod";
import { ApiError, ConflictError, NotFoundError } from "@/lib/http/errors";
import { localUserSchema, type LocalUser } from "./config-schema";
import { hashPassword } from "./passwords";
import { roleSchema, type Role } from "./roles";
import { usersFile } from "./users";

/** A local user as the admin API shows it: never a hash. `config` users are read-only (edit the config file). */
export interface UserInfo {
  username: string;
  role: Role;
  source: "config" | "stored";
  createdAt?: string;
}

const passwordSchema = z.string().min(8, "must be at least 8 characters").max(1024, "must be at most 1024 characters");

export const createUserSchema = z.strictObject({
  username: localUserSchema.shape.username,
  role: roleSchema,
  password: passwordSchema,
});

export const updateUserSchema = z
  .strictObject({ role: roleSchema.optional(), password: passwordSchema.optional() })
  .refine((b) => b.role !== undefined || b.password !== undefined, { message: "give a role, a password, or both" });

/** Every local user: those in the config file (read-only here), then the stored ones. */
export async function listUsers(dir: string, configured: LocalUser[]): Promise<UserInfo[]> {
  const stored = (await usersFile(dir).read()).users;
  const names = new Set(configured.map((u) => u.username));
  return [
    ...configured.map((u) => ({ username: u.username, role: u.role, source: "config" as const })),
    ...stored.filter((u) => !names.has(u.username)).map((u) => ({ username: u.username, role: u.role, source: "stored" as const, createdAt: u.createdAt })),
  ];
}

function readOnly(username: string): ApiError {
  return new ApiError(409, "read_only", `user "${username}" is defined in the config file (auth.users); change it there`);
}

function lastAdmin(username: string): ApiError {
  return new ConflictError(`"${username}" is the last admin; make another user admin first`, undefined, "last_admin");
}

/** Creates a stored user with a scrypt hash; 409 when the name exists (in the config or the store). */
export async function createUser(dir: string, configured: LocalUser[], input: z.infer<typeof createUserSchema>): Promise<UserInfo> {
  if (configured.some((u) => u.username === input.username)) throw new ConflictError(`user "${input.username}" already exists`);
  const passwordHash = await hashPassword(input.password);
  const createdAt = new Date().toISOString();
  return usersFile(dir).update((doc) => {
    if (doc.users.some((u) => u.username === input.username)) throw new ConflictError(`user "${input.username}" already exists`);
    doc.users.push({ username: input.username, passwordHash, role: input.role, createdAt });
    return { result: { username: input.username, role: input.role, source: "stored" as const, createdAt } };
  });
}

// Admins left after a change, counting the config file's (which this API cannot remove).
function adminsAfter(configured: LocalUser[], stored: { username: string; role: Role }[]): number {
  const names = new Set(configured.map((u) => u.username));
  return configured.filter((u) => u.role === "admin").length + stored.filter((u) => !names.has(u.username) && u.role === "admin").length;
}

/** Changes a stored user's role and/or password. Refuses config users and demoting the last admin (409). */
export async function updateUser(dir: string, configured: LocalUser[], username: string, change: z.infer<typeof updateUserSchema>): Promise<UserInfo> {
  if (configured.some((u) => u.username === username)) throw readOnly(username);
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  return usersFile(dir).update((doc) => {
    const user = doc.users.find((u) => u.username === username);
    if (!user) throw new NotFoundError(`no user "${username}"`);
    const role = change.role ?? user.role;
    if (user.role === "admin" && role !== "admin" && adminsAfter(configured, doc.users.filter((u) => u !== user)) === 0) throw lastAdmin(username);
    user.role = role;
    if (passwordHash) user.passwordHash = passwordHash;
    return { result: { username, role, source: "stored" as const, createdAt: user.createdAt } };
  });
}

/** Deletes a stored user (their session stops at the next request). Refuses config users and the last admin (409). */
export async function deleteUser(dir: string, configured: LocalUser[], username: string): Promise<void> {
  if (configured.some((u) => u.username === username)) throw readOnly(username);
  await usersFile(dir).update((doc) => {
    const user = doc.users.find((u) => u.username === username);
    if (!user) throw new NotFoundError(`no user "${username}"`);
    const rest = doc.users.filter((u) => u !== user);
    if (user.role === "admin" && adminsAfter(configured, rest) === 0) throw lastAdmin(username);
    doc.users = rest;
    return { result: undefined };
  });
}
