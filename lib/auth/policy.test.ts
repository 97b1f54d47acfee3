import { describe, expect, it } from "vitest";
import { ACTIONS, decide, type Action, type Principal } from "./policy";
import { claimValues, roleFromClaims } from "./roles";

const user = (role: "viewer" | "editor" | "admin"): Principal => ({ kind: "user", id: role, name: role, role, provider: "credentials" });
const token = (role: "viewer" | "editor" | "admin"): Principal => ({ kind: "api-token", id: "t", name: "ci", role });
const embed: Principal = {
  kind: "embed",
  tokenId: "j",
  claims: { uid: "abc", panels: [2], ver: 1, vars: {}, time: { mode: "relative", maxSpanSeconds: 3600 } },
};
const anonymous: Principal = { kind: "anonymous", role: "viewer" };
const anonymousEditor: Principal = { kind: "anonymous", role: "editor" };

// The expected matrix, written out by hand: "y" allowed, "-" refused. Columns follow PRINCIPALS.
const PRINCIPALS = { viewer: user("viewer"), editor: user("editor"), admin: user("admin"), viewerToken: token("viewer"), adminToken: token("admin"), embed, anonymous, anonymousEditor };
const EXPECTED: Record<Action, string> = {
  //                   vwr edt adm vTk aTk emb anon anonEd
  "dashboards:read": "y y y y y - y y",
  "dashboards:write": "- y y - y - - -",
  "query:run": "y y y y y - y y",
  "query:explore": "y y y y y - y y",
  "panel:embed": "y y y y y y y y",
  "datasources:read": "y y y y y - y y",
  "topology:read": "y y y y y - y y",
  "links:create": "y y y y y - - -",
  "embed:mint": "- y y - y - - -",
  "embed:admin": "- - y - y - - -",
  "tokens:admin": "- - y - y - - -",
  "users:admin": "- - y - y - - -",
  "metrics:read": "- - y - y - - -",
};

describe("permission table", () => {
  it("has an expected row for every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  it("matches the expected matrix with viewersCanExplore on (0 mismatches)", () => {
    const mismatches: string[] = [];
    for (const action of ACTIONS) {
      const cells = EXPECTED[action].split(" ");
      Object.entries(PRINCIPALS).forEach(([name, p], i) => {
        const got = decide(p, action, { viewersCanExplore: true }).allow ? "y" : "-";
        if (got !== cells[i]) mismatches.push(`${action} × ${name}: expected ${cells[i]}, got ${got}`);
      });
    }
    expect(mismatches).toEqual([]);
  });

  it("moves Explore to editors when viewersCanExplore is off", () => {
    const settings = { viewersCanExplore: false };
    expect(decide(user("viewer"), "query:explore", settings)).toEqual({ allow: false, reason: expect.stringMatching(/needs the editor role/) });
    expect(decide(anonymous, "query:explore", settings).allow).toBe(false);
    expect(decide(user("editor"), "query:explore", settings).allow).toBe(true);
    expect(decide(user("viewer"), "query:run", settings).allow).toBe(true);
  });

  it("says why in a refusal", () => {
    const d = decide(user("viewer"), "dashboards:write", { viewersCanExplore: true });
    expect(d).toEqual({ allow: false, reason: "dashboards:write needs the editor role; viewer has viewer" });
    expect(decide(embed, "dashboards:read", { viewersCanExplore: true })).toMatchObject({ reason: expect.stringMatching(/embed token/) });
  });
});

describe("OIDC claim → role", () => {
  const settings = { roleClaim: "groups", roleMapping: { admin: ["ops-admins"], editor: ["sre"], viewer: ["staff"] } };

  it.each([
    [{ groups: ["staff", "sre"] }, "editor"],
    [{ groups: ["staff", "ops-admins", "sre"] }, "admin"],
    [{ groups: "staff" }, "viewer"],
    [{ groups: ["contractors"] }, null],
    [{ groups: [42, { name: "sre" }] }, null],
    [{ groups: "STAFF" }, null],
    [{}, null],
  ])("%j → %s", (claims, role) => {
    expect(roleFromClaims(claims, settings)).toBe(role);
  });

  it("falls back to defaultRole when nothing matches", () => {
    expect(roleFromClaims({ groups: ["contractors"] }, { ...settings, defaultRole: "viewer" })).toBe("viewer");
  });

  it("reads nested claims by dotted path (Keycloak realm_access.roles) and literal dotted names", () => {
    expect(claimValues({ realm_access: { roles: ["a", "b"] } }, "realm_access.roles")).toEqual(["a", "b"]);
    expect(claimValues({ "https://example.com/roles": ["x"] }, "https://example.com/roles")).toEqual(["x"]);
    expect(roleFromClaims({ realm_access: { roles: ["sre"] } }, { ...settings, roleClaim: "realm_access.roles" })).toBe("editor");
  });

  it("does not walk into inherited properties", () => {
    expect(claimValues({}, "constructor.name")).toEqual([]);
  });
});
