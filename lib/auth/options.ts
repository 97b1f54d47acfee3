import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { OidcConfig } from "./config-schema";
import { getAuthContext } from "./context";
import { safeCallbackUrl } from "./redirects";
import { roleFromClaims, type Role } from "./roles";
import type { AuthSettings } from "./settings";
import { clientIp, getSignInLimiter, tooManyAttemptsCode, type SignInLimiter } from "./sign-in-limit";
import { verifyCredentials } from "./users";

/** The provider id of the configured OIDC issuer (the callback is /api/auth/callback/oidc). */
export const OIDC_PROVIDER_ID = "oidc";

type OidcProfile = Record<string, unknown> & { sub: string };

/** next-auth's generic OIDC provider for the configured issuer: discovery, PKCE + state + nonce, role from claims. */
export function oidcProvider(oidc: OidcConfig): OAuthConfig<OidcProfile> {
  const issuer = oidc.issuer.replace(/\/+$/, "");
  return {
    id: OIDC_PROVIDER_ID,
    name: oidc.name,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: oidc.scope } },
    // The ID token is verified (issuer, audience, signature, nonce) and its claims are the profile.
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile(profile) {
      const name = [profile.name, profile.preferred_username, profile.email].find((v) => typeof v === "string" && v) as string | undefined;
      return {
        id: profile.sub,
        name: name ?? profile.sub,
        email: typeof profile.email === "string" ? profile.email : null,
        role: roleFromClaims(profile, oidc),
      };
    },
  };
}

/** next-auth v4 options: JWT sessions, local users + admin by password, the OIDC issuer when configured. */
export function buildAuthOptions(settings: AuthSettings, opts: { signInLimiter?: SignInLimiter } = {}): NextAuthOptions {
  const credentials = CredentialsProvider({
    id: "credentials",
    name: "Orrery account",
    credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
    async authorize(input, req) {
      const limiter = opts.signInLimiter ?? getSignInLimiter();
      const key = { username: String(input?.username ?? "").slice(0, 64), ip: clientIp(req?.headers) };
      // Checked before any scrypt work; next-auth turns the thrown message into ?error=TooManyAttempts:<s>.
      const wait = await limiter.retryAfterSeconds(key);
      if (wait > 0) throw new Error(tooManyAttemptsCode(wait));
      const user = await verifyCredentials(settings.dir, settings.users, input?.username ?? "", input?.password ?? "");
      if (!user) {
        await limiter.recordFailure(key);
        return null;
      }
      await limiter.recordSuccess(key);
      return { id: user.username, name: user.username, role: user.role };
    },
  });
  return {
    secret: settings.secret,
    session: { strategy: "jwt", maxAge: settings.sessionMaxAgeSeconds },
    jwt: { maxAge: settings.sessionMaxAgeSeconds },
    providers: settings.oidc ? [credentials, oidcProvider(settings.oidc)] : [credentials],
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      // An OIDC user whose claims map to no role (and no defaultRole) is refused: ?error=AccessDenied.
      signIn: ({ user }) => Boolean(user.role),
      jwt({ token, user, account }) {
        if (user && account) {
          token.sub = user.id;
          token.role = user.role as Role;
          token.provider = account.provider;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { name: session.user?.name ?? token.name ?? null, email: session.user?.email ?? null, role: token.role!, provider: token.provider! };
        return session;
      },
      redirect: ({ url, baseUrl }) => safeCallbackUrl(url, baseUrl),
    },
  };
}

let cached: { settings: AuthSettings; options: NextAuthOptions } | undefined;

/** The process's next-auth options (rebuilt if the auth context was reset). */
export function getAuthOptions(): NextAuthOptions {
  const { settings } = getAuthContext();
  if (cached?.settings !== settings) cached = { settings, options: buildAuthOptions(settings) };
  return cached.options;
}
