import { parseTooManyAttempts } from "./sign-in-limit";

/** next-auth's `?error=` codes as sentences for the login page; unknown codes get a generic one (never echoed). */
export function loginErrorMessage(code: unknown): string | null {
  if (typeof code !== "string" || code === "") return null;
  const wait = parseTooManyAttempts(code);
  if (wait !== null) return `Too many failed sign-in attempts. Try again in ${wait} s.`;
  switch (code) {
    case "CredentialsSignin":
      return "Wrong username or password.";
    case "AccessDenied":
      return "Your account is not allowed into Orrery: none of its groups maps to a role. Ask an administrator.";
    case "OAuthSignin":
    case "OAuthCallback":
    case "OAuthCreateAccount":
    case "Callback":
      return "Sign-in with the identity provider failed. Try again; if it keeps failing, the OIDC settings may be wrong.";
    case "SessionRequired":
      return "Please sign in to continue.";
    case "Configuration":
      return "Sign-in is misconfigured on the server (see the server log).";
    default:
      return "Sign-in failed. Try again.";
  }
}
