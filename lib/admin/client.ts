import * as z from "zod/mini";

// Browser side of /api/admin/*: each answer parsed with its schema; failures become Errors with the server's message.

const role = z.enum(["viewer", "editor", "admin"]);
export type AdminRole = z.infer<typeof role>;

export const adminTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role,
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.optional(z.string()),
});
export type AdminToken = z.infer<typeof adminTokenSchema>;

export const adminUserSchema = z.object({
  username: z.string(),
  role,
  source: z.enum(["config", "stored"]),
  createdAt: z.optional(z.string()),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

const errorSchema = z.object({ error: z.object({ message: z.string() }) });

async function send<T>(url: string, schema: z.ZodMiniType<T>, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}) } });
  } catch (err) {
    throw new Error("Cannot reach the Orrery server.", { cause: err });
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(errorSchema.safeParse(json).data?.error.message ?? `Request failed (HTTP ${res.status}).`);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`Unexpected answer from ${url}.`);
  return parsed.data;
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

export const listTokens = () => send("/api/admin/tokens", z.object({ tokens: z.array(adminTokenSchema) })).then((r) => r.tokens);
export const createToken = (name: string, tokenRole: AdminRole) =>
  send("/api/admin/tokens", z.object({ token: z.string(), info: adminTokenSchema }), json("POST", { name, role: tokenRole }));
export const revokeToken = (id: string) => send(`/api/admin/tokens/${encodeURIComponent(id)}`, z.object({ revoked: z.boolean() }), { method: "DELETE" });

export const listUsers = () => send("/api/admin/users", z.object({ users: z.array(adminUserSchema) })).then((r) => r.users);
export const createUser = (username: string, userRole: AdminRole, password: string) =>
  send("/api/admin/users", z.object({ user: adminUserSchema }), json("POST", { username, role: userRole, password }));
export const updateUser = (username: string, change: { role?: AdminRole; password?: string }) =>
  send(`/api/admin/users/${encodeURIComponent(username)}`, z.object({ user: adminUserSchema }), json("PATCH", change));
export const deleteUser = (username: string) => send(`/api/admin/users/${encodeURIComponent(username)}`, z.object({ deleted: z.boolean() }), { method: "DELETE" });
