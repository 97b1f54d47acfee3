import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** A user of the test identity provider; `groups` becomes the `groups` claim (string or array). */
export interface OidcTestUser {
  sub: string;
  password: string;
  name: string;
  email: string;
  groups: string[] | string;
}

export const OIDC_TEST_USERS: OidcTestUser[] = [
  { sub: "alice", password: "alice-pass", name: "Alice Admin", email: "alice@example.test", groups: ["staff", "orrery-admins"] },
  { sub: "eddie", password: "eddie-pass", name: "Eddie Editor", email: "eddie@example.test", groups: ["orrery-editors"] },
  { sub: "vera", password: "vera-pass", name: "Vera Viewer", email: "vera@example.test", groups: "orrery-viewers" },
  { sub: "nobody", password: "nobody-pass", name: "No Group", email: "nobody@example.test", groups: ["contractors"] },
];

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Loopback port; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Redirect URIs registered for the one client (next-auth: <app>/api/auth/callback/oidc). */
  redirectUris: string[];
  users?: OidcTestUser[];
  clientId?: string;
  clientSecret?: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html><head><title>Test IdP sign-in</title></head><body>
<h1>Test identity provider</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Login <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * Starts a real `oidc-provider` on a loopback port: one confidential client (code flow, PKCE),
 * a username/password login page at /interaction/<uid>, consent granted automatically (first-party
 * client), and users whose `groups` claim is put in the ID token.
 */
export async function startOidcProvider(opts: StartOptions): Promise<OidcTestProvider> {
  const users = opts.users ?? OIDC_TEST_USERS;
  const clientId = opts.clientId ?? "orrery";
  const clientSecret = opts.clientSecret ?? "orrery-test-client-secret";
  const host = opts.host ?? "127.0.0.1";
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: opts.redirectUris, grant_types: ["authorization_code"], response_types: ["code"] },
    ],
    cookies: { keys: [randomBytes(32).toString("hex")] },
    scopes: ["openid", "profile", "email", "groups"],
    claims: { openid: ["sub"], profile: ["name"], email: ["email"], groups: ["groups"] },
    // Put scope claims (groups) into the ID token, as Keycloak/Dex do when configured for it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    async findAccount(_ctx: unknown, id: string) {
      const user = users.find((u) => u.sub === id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: user.name, email: user.email, groups: user.groups }) };
    },
    // First-party test client: grant the requested scopes without a consent screen.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- oidc-provider ships no types; ctx is its Koa context
    async loadExistingGrant(ctx: any) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!ctx.oidc.session.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope);
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    res.setHeader("cache-control", "no-store");
    if (req.method === "GET" && !action) {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(loginPage(uid));
      return;
    }
    if (req.method === "POST" && action === "login") {
      const form = await readForm(req);
      const user = users.find((u) => u.sub === form.get("login") && u.password === form.get("password"));
      if (!user) {
        res.statusCode = 401;
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end(loginPage(uid, "Wrong login or password."));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    res.statusCode = 404;
    res.end();
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/.exec((req.url ?? "").split("?")[0]!);
    if (!m) return void callback(req, res);
    interaction(req, res, m[1]!, m[2]).catch((e: Error) => {
      res.statusCode = 400;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end(`interaction failed: ${e.message}`);
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
