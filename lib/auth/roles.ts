import { z } from "zod";

/** The three roles, weakest first: viewer < editor < admin. */
export const ROLES = ["viewer", "editor", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Whether `role` is at least `required` (admin ⊇ editor ⊇ viewer). */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Which claim values grant which role; the strongest match wins. */
export interface RoleMapping {
  admin: string[];
  editor: string[];
  viewer: string[];
}

export interface ClaimRoleSettings {
  /** Claim name; a dotted path reaches into nested objects (e.g. "realm_access.roles" for Keycloak). */
  roleClaim: string;
  roleMapping: RoleMapping;
  /** Role for a signed-in user whose claim matches nothing; undefined refuses the sign-in. */
  defaultRole?: Role;
}

function claimAt(claims: Record<string, unknown>, claimPath: string): unknown {
  if (Object.hasOwn(claims, claimPath)) return claims[claimPath];
  let at: unknown = claims;
  for (const part of claimPath.split(".")) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The claim's values as strings: a string is one value, an array keeps its string items, anything else is none. */
export function claimValues(claims: Record<string, unknown>, claimPath: string): string[] {
  const value = claimAt(claims, claimPath);
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/**
 * The role an OIDC user gets from their claims: the strongest role whose mapping lists one of the
 * claim's values (exact, case-sensitive), else `defaultRole`, else null (the sign-in is refused).
 */
export function roleFromClaims(claims: Record<string, unknown>, settings: ClaimRoleSettings): Role | null {
  const values = new Set(claimValues(claims, settings.roleClaim));
  for (const role of [...ROLES].reverse()) {
    if (settings.roleMapping[role].some((v) => values.has(v))) return role;
  }
  return settings.defaultRole ?? null;
}
