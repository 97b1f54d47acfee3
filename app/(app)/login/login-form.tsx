"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { credentialsSignIn, fetchCsrfToken } from "@/lib/auth/credentials-sign-in";
import { loginErrorMessage } from "@/lib/auth/login-errors";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field, TextInput } from "@/components/ui/field";

export interface LoginFormProps {
  /** Already reduced to a same-origin path on the server. */
  callbackUrl: string;
  oidc: { id: string; name: string } | null;
  error: string | null;
}

export function LoginForm({ callbackUrl, oidc, error: initialError }: LoginFormProps) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  // Asked for while the visitor types, so submitting is one request (lib/auth/credentials-sign-in).
  const csrf = useRef<Promise<string | null> | null>(null);
  useEffect(() => {
    csrf.current = fetchCsrfToken();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const csrfToken = (await csrf.current) ?? (await fetchCsrfToken());
      if (csrfToken === null) throw new Error("no CSRF token");
      const res = await credentialsSignIn({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? ""), callbackUrl, csrfToken });
      if (!res.ok) {
        setError(loginErrorMessage(res.error));
        return;
      }
      // A full navigation, so server components render with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError("Cannot reach the server. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? <Callout tone="error">{error}</Callout> : null}
      {oidc ? (
        <>
          <Button variant="primary" onClick={() => void signIn(oidc.id, { callbackUrl })}>
            Sign in with {oidc.name}
          </Button>
          <p className="text-center text-xs text-slate-500">or with an Orrery account</p>
        </>
      ) : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Orrery account">
        <Field label="Username">
          {({ id, describedBy }) => <TextInput id={id} name="username" autoComplete="username" required aria-describedby={describedBy} />}
        </Field>
        <Field label="Password">
          {({ id, describedBy }) => (
            <TextInput id={id} name="password" type="password" autoComplete="current-password" required aria-describedby={describedBy} />
          )}
        </Field>
        <Button type="submit" variant={oidc ? "secondary" : "primary"} disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </div>
  );
}
