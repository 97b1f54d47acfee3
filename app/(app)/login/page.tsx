import { headers } from "next/headers";
import { getAuthContext } from "@/lib/auth/context";
import { loginErrorMessage } from "@/lib/auth/login-errors";
import { OIDC_PROVIDER_ID } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in · Orrery" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { settings } = getAuthContext();
  // An absolute callback URL is kept (as a path) only on our own origin: the public URL, else the Host the browser used.
  const host = (await headers()).get("host");
  const origin = settings.url ? new URL(settings.url).origin : host ? `http://${host}` : "http://invalid.localhost";
  const callbackUrl = safeCallbackPath(first(params.callbackUrl), origin);
  const oidc = settings.oidc ? { id: OIDC_PROVIDER_ID, name: settings.oidc.name } : null;
  return (
    <main className="mx-auto flex max-w-sm flex-col gap-4 p-6">
      <h1 className="text-xl font-semibold">Sign in to Orrery</h1>
      <LoginForm callbackUrl={callbackUrl} oidc={oidc} error={loginErrorMessage(first(params.error))} />
    </main>
  );
}
