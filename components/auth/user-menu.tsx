"use client";

import Link from "next/link";
import { useState } from "react";

export interface UserMenuProps {
  /** The signed-in user's name, or null for an anonymous visitor (when allowed) or nobody. */
  name: string | null;
  role: string | null;
}

/** The header's account corner: who is signed in, with which role, and a sign-out button. */
export function UserMenu({ name, role }: UserMenuProps) {
  const [busy, setBusy] = useState(false);
  if (!name) {
    return (
      <Link href="/login" className="text-sm hover:underline">
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-3 text-sm">
      <span data-testid="signed-in-user">
        {name}
        {role ? <span className="ml-1 text-slate-500 dark:text-slate-400">({role})</span> : null}
      </span>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          // next-auth's client (~11 KB gzip) loads on the click: the root layout's JS is on every page, /d-solo included.
          void import("next-auth/react").then((m) => m.signOut({ callbackUrl: "/login" })).catch(() => setBusy(false));
        }}
      >
        Sign out
      </button>
    </div>
  );
}
