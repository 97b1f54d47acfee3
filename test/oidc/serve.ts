// Runs the test identity provider as its own process (for e2e and manual tries):
//   ORRERY_OIDC_PORT=36100 ORRERY_OIDC_REDIRECT=http://127.0.0.1:13500/api/auth/callback/oidc npx tsx test/oidc/serve.ts
// Prints one JSON line {issuer, clientId, clientSecret} once listening; stops on SIGTERM/SIGINT.
import { startOidcProvider } from "./provider";

const redirect = process.env.ORRERY_OIDC_REDIRECT;
if (!redirect) {
  console.error("ORRERY_OIDC_REDIRECT must name the app's callback URL, e.g. http://127.0.0.1:13500/api/auth/callback/oidc");
  process.exit(2);
}
const idp = await startOidcProvider({ port: Number(process.env.ORRERY_OIDC_PORT ?? 0), redirectUris: redirect.split(",") });
console.log(JSON.stringify({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret }));
const stop = () => void idp.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
