import type { EmbedClaims } from "./embed-claims";
import { roleAtLeast, type Role } from "./roles";

/** Who is making a request, as `authorize` established it. */
export type Principal =
  | { kind: "anonymous"; role: Role }
  | { kind: "user"; id: string; name: string; role: Role; provider: string }
  | { kind: "api-token"; id: string; name: string; role: Role }
  | { kind: "embed"; tokenId: string; claims: EmbedClaims };

/** The role a principal acts with; embed tokens have none (they are capabilities, not accounts). */
export function principalRole(p: Principal): Role | null {
  return p.kind === "embed" ? null : p.role;
}

/** A short, log-safe name for a principal. */
export function describePrincipal(p: Principal): string {
  switch (p.kind) {
    case "anonymous":
      return "anonymous";
    case "user":
      return p.name;
    case "api-token":
      return `token:${p.name}`;
    case "embed":
      return `embed:${p.tokenId}`;
  }
}

interface Rule {
  /** Weakest role allowed; "explore" means viewer when viewersCanExplore, else editor. */
  role: Role | "explore";
  /** Changes state: never allowed to anonymous visitors, whatever their configured role. */
  mutates: boolean;
  /** An embed token (checked against its dashboard and panel) is enough. */
  embed?: true;
  description: string;
}

/**
 * THE permission table: every action a route may ask for, and who may do it. Routes call
 * `authorize(req, action)`; nothing else decides access.
 */
export const PERMISSIONS = {
  "dashboards:read": { role: "viewer", mutates: false, description: "list and view dashboards and their versions" },
  "dashboards:write": { role: "editor", mutates: true, description: "create, save, restore and delete dashboards" },
  "query:run": { role: "viewer", mutates: false, description: "run the queries of dashboards and read datasource metadata" },
  "query:explore": { role: "explore", mutates: false, description: "run arbitrary read-only PromQL in Explore" },
  "panel:embed": { role: "viewer", mutates: false, embed: true, description: "render one panel and run only its stored queries" },
  "datasources:read": { role: "viewer", mutates: false, description: "list datasources (no URLs or credentials)" },
  "topology:read": { role: "viewer", mutates: false, description: "view the federation topology and Knative views" },
  "links:create": { role: "viewer", mutates: true, description: "create short links to dashboard views" },
  "embed:mint": { role: "editor", mutates: true, description: "mint embed tokens and share links" },
  "embed:admin": { role: "admin", mutates: true, description: "list and revoke every embed token" },
  "tokens:admin": { role: "admin", mutates: true, description: "create, list and revoke API tokens" },
  "users:admin": { role: "admin", mutates: true, description: "manage local users" },
  "metrics:read": { role: "admin", mutates: false, description: "read /api/metrics (a scraper may use metrics.token instead)" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function isAction(value: string): value is Action {
  return Object.hasOwn(PERMISSIONS, value);
}

export interface PolicySettings {
  viewersCanExplore: boolean;
}

/** The weakest role that may perform `action` under these settings. */
export function requiredRole(action: Action, settings: PolicySettings): Role {
  const rule: Rule = PERMISSIONS[action];
  if (rule.role === "explore") return settings.viewersCanExplore ? "viewer" : "editor";
  return rule.role;
}

export type Decision = { allow: true } | { allow: false; reason: string };

/** Whether `principal` may perform `action`; a refusal says why, for the 403 body. */
export function decide(principal: Principal, action: Action, settings: PolicySettings): Decision {
  const rule: Rule = PERMISSIONS[action];
  if (principal.kind === "embed") {
    return rule.embed ? { allow: true } : { allow: false, reason: `an embed token only allows rendering its panels, not ${action}` };
  }
  if (principal.kind === "anonymous" && rule.mutates) {
    return { allow: false, reason: `anonymous visitors may not ${action}; sign in` };
  }
  const needed = requiredRole(action, settings);
  if (roleAtLeast(principal.role, needed)) return { allow: true };
  return { allow: false, reason: `${action} needs the ${needed} role; ${describePrincipal(principal)} has ${principal.role}` };
}
