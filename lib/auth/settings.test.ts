import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config/load";
import { AuthConfigError, resolveAuthSettings } from "./settings";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "orrery-auth-settings-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const GOOD_SECRET = "s".repeat(32);
const HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

describe("resolveAuthSettings", () => {
  it("fails production start-up without a secret, saying what to set", () => {
    expect(() => resolveAuthSettings(undefined, { NODE_ENV: "production", ORRERY_DATA_DIR: dir, NEXTAUTH_URL: "https://o.example" })).toThrow(
      /no auth secret: set ORRERY_AUTH_SECRET/,
    );
  });

  it("is a ConfigError, so instrumentation's existing handler stops start-up on it", () => {
    try {
      resolveAuthSettings(undefined, { NODE_ENV: "production", ORRERY_DATA_DIR: dir });
    } catch (e) {
      expect(e).toBeInstanceOf(AuthConfigError);
      expect(e).toBeInstanceOf(ConfigError);
      return;
    }
    throw new Error("expected a throw");
  });

  it("fails production with a short secret or without a public URL", () => {
    expect(() => resolveAuthSettings({ secret: "short" }, { NODE_ENV: "production", ORRERY_DATA_DIR: dir, NEXTAUTH_URL: "https://o.example" })).toThrow(
      /5 characters; production needs at least 32/,
    );
    expect(() => resolveAuthSettings({}, { NODE_ENV: "production", ORRERY_DATA_DIR: dir, ORRERY_AUTH_SECRET: GOOD_SECRET })).toThrow(/set NEXTAUTH_URL/);
  });

  it("takes the secret from config, then ORRERY_AUTH_SECRET, then NEXTAUTH_SECRET", () => {
    const env = { NODE_ENV: "production", ORRERY_DATA_DIR: dir, NEXTAUTH_URL: "https://o.example/", ORRERY_AUTH_SECRET: "e".repeat(40), NEXTAUTH_SECRET: "n".repeat(40) };
    expect(resolveAuthSettings({ secret: GOOD_SECRET }, env)).toMatchObject({ secret: GOOD_SECRET, secretSource: "config", url: "https://o.example" });
    expect(resolveAuthSettings({}, env)).toMatchObject({ secretSource: "ORRERY_AUTH_SECRET" });
    expect(resolveAuthSettings({}, { ...env, ORRERY_AUTH_SECRET: undefined })).toMatchObject({ secretSource: "NEXTAUTH_SECRET" });
  });

  it("outside production generates one secret, keeps it (0600) in <data>/.auth and reuses it", async () => {
    const a = resolveAuthSettings(undefined, { NODE_ENV: "development", ORRERY_DATA_DIR: dir });
    const b = resolveAuthSettings(undefined, { NODE_ENV: "development", ORRERY_DATA_DIR: dir });
    expect(a.secretSource).toBe("development");
    expect(a.secret.length).toBeGreaterThanOrEqual(32);
    expect(b.secret).toBe(a.secret);
    expect(a.dir).toBe(path.join(dir, ".auth"));
    expect((await readFile(path.join(dir, ".auth", "dev-secret"), "utf8")).trim()).toBe(a.secret);
    expect((await stat(path.join(dir, ".auth", "dev-secret"))).mode & 0o777).toBe(0o600);
  });

  it("defaults: anonymous off, viewers can explore, 12h sessions, no embed origins", () => {
    expect(resolveAuthSettings(undefined, { ORRERY_DATA_DIR: dir, ORRERY_AUTH_SECRET: GOOD_SECRET })).toMatchObject({
      anonymous: { enabled: false, role: "viewer" },
      viewersCanExplore: true,
      sessionMaxAgeSeconds: 43_200,
      users: [],
      embed: { allowedOrigins: [], maxTtlSeconds: 365 * 86_400 },
    });
  });
});

describe("the auth section of the config file", () => {
  async function load(auth: unknown, env: Record<string, string> = {}) {
    const file = path.join(dir, "orrery.config.json");
    await import("node:fs/promises").then((fs) => fs.writeFile(file, JSON.stringify({ datasources: [], auth })));
    return loadConfig({ ORRERY_CONFIG: file, ...env }, dir);
  }

  it("is parsed with ${ENV} expansion and kept on the config", async () => {
    const cfg = await load(
      {
        secret: "${ORRERY_AUTH_SECRET}",
        anonymous: { enabled: true },
        oidc: { issuer: "https://idp.example/realms/x", clientId: "orrery", clientSecret: "${OIDC_SECRET}", roleMapping: { admin: ["ops"] } },
        users: [{ username: "ci", passwordHash: HASH, role: "editor" }],
        embed: { allowedOrigins: ["https://wiki.example.com"] },
      },
      { ORRERY_AUTH_SECRET: GOOD_SECRET, OIDC_SECRET: "shh" },
    );
    expect(cfg.auth).toMatchObject({
      secret: GOOD_SECRET,
      anonymous: { enabled: true, role: "viewer" },
      oidc: { clientSecret: "shh", roleClaim: "groups", roleMapping: { admin: ["ops"], editor: [], viewer: [] }, name: "OIDC" },
      users: [{ username: "ci", role: "editor" }],
    });
  });

  it.each([
    [{ users: [{ username: "ci", passwordHash: "hunter2", role: "editor" }] }, /auth\.users\[0\]\.passwordHash/],
    [{ users: [{ username: "ci", passwordHash: HASH, role: "root" }] }, /auth\.users\[0\]\.role/],
    [{ users: [{ username: "a", passwordHash: HASH, role: "viewer" }, { username: "a", passwordHash: HASH, role: "admin" }] }, /duplicate user "a"/],
    [{ embed: { allowedOrigins: ["https://wiki.example.com/page"] } }, /auth\.embed\.allowedOrigins\[0\]/],
    [{ oidc: { issuer: "not a url", clientId: "x", clientSecret: "y" } }, /auth\.oidc\.issuer/],
    [{ anonymous: { enabled: "yes" } }, /auth\.anonymous\.enabled/],
    [{ sessionMaxAge: "forever" }, /auth\.sessionMaxAge/],
    [{ unknownKey: 1 }, /unknownKey/],
  ])("refuses %j naming the field", async (auth, message) => {
    await expect(load(auth)).rejects.toThrow(message);
  });

  it("names a missing ${ENV} variable", async () => {
    await expect(load({ secret: "${ORRERY_AUTH_SECRET}" })).rejects.toThrow(/auth\.secret: environment variable ORRERY_AUTH_SECRET is not set/);
  });
});
