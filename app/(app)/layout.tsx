import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { getAuthContext } from "@/lib/auth/context";
import { pagePrincipal } from "@/lib/auth/page-session";
import { decide } from "@/lib/auth/policy";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { Providers } from "../providers";

// Every page but /d-solo (app/d-solo sits outside this route group): the header and nav, and React
// Query. A page's client chunks assume its layouts' are loaded, so with these in the root layout the
// embed page shipped React Query's client and the nav's code without using them (issue 7 B6).
export default async function AppLayout({ children }: { children: ReactNode }) {
  const cookie = (await headers()).get("cookie");
  return (
    <>
      <Chrome cookie={cookie} />
      <Providers>{children}</Providers>
    </>
  );
}

async function Chrome({ cookie }: { cookie: string | null }) {
  // The account corner only; what the visitor may do is decided by each API route (authorize).
  const principal = await pagePrincipal(cookie);
  const user = principal?.kind === "user" ? { name: principal.name, role: principal.role } : null;
  // Nav comfort only: /explore and /admin check again, and the API routes decide.
  const settings = getAuthContext().settings;
  const canExplore = !principal || decide(principal, "query:explore", settings).allow;
  const isAdmin = principal !== null && decide(principal, "users:admin", settings).allow;
  const links = [
    { href: "/dashboards", label: "Dashboards" },
    { href: "/dashboard/import", label: "Import" },
    ...(canExplore ? [{ href: "/explore", label: "Explore" }] : []),
    { href: "/topology", label: "Topology" },
    { href: "/knative", label: "Knative" },
    ...(isAdmin ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  // Without a session (the login page) each prefetch is a redirect to /login, rendered by the server
  // right while the visitor signs in: a dozen requests competing with the sign-in's own.
  const prefetch = principal ? undefined : false;
  return (
    <header className="flex items-center gap-6 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
      <Link href="/" prefetch={prefetch} className="font-semibold tracking-tight">
        Orrery
      </Link>
      <nav className="flex gap-4 text-sm">
        {links.map(({ href, label }) => (
          <Link key={href} href={href} prefetch={prefetch} className="hover:underline">
            {label}
          </Link>
        ))}
      </nav>
      <div className="ml-auto flex items-center gap-4">
        <UserMenu name={user?.name ?? null} role={user?.role ?? null} />
        <ThemeToggle />
      </div>
    </header>
  );
}
