// No import of ./provider here: scripts/stack (npm test, npm run demo) reads this file, and must not load oidc-provider.

/**
 * Loopback port of the identity provider the auth e2e starts: ORRERY_E2E_OIDC_PORT, else the test port
 * base + 10 (a port the test stack leaves free), so runs on different port bases never collide.
 */
export const E2E_OIDC_PORT = Number(process.env.ORRERY_E2E_OIDC_PORT ?? Number(process.env.ORRERY_TEST_PORT_BASE ?? 29090) + 10);
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
export const E2E_ADMIN_PASSWORD = "e2e-admin-password";
export const E2E_AUTH_SECRET = "e2e-only-auth-secret-not-for-production-0123";

/** Loopback ports of the e2e pages that frame /d-solo: one allowed by `auth.embed.allowedOrigins`, one not. */
export function e2eEmbedOriginPorts(baseURL: string): { allowed: number; blocked: number } {
  const port = Number(new URL(baseURL).port);
  return { allowed: port + 90, blocked: port + 91 };
}

/**
 * The `auth` section for the e2e app config (add it to the config the webServer reads, and set
 * ORRERY_ADMIN_PASSWORD=E2E_ADMIN_PASSWORD plus a fresh ORRERY_DATA_DIR in its env).
 */
export function e2eAuthConfig(baseURL: string) {
  return {
    secret: E2E_AUTH_SECRET,
    url: baseURL,
    embed: { allowedOrigins: [`http://127.0.0.1:${e2eEmbedOriginPorts(baseURL).allowed}`] },
    oidc: {
      name: "Test IdP",
      issuer: E2E_OIDC_ISSUER,
      clientId: "orrery",
      clientSecret: "orrery-test-client-secret",
      roleMapping: { admin: ["orrery-admins"], editor: ["orrery-editors"], viewer: ["orrery-viewers"] },
    },
  };
}
