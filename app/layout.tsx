import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { getAuthContext } from "@/lib/auth/context";
import { pagePrincipal } from "@/lib/auth/page-session";
import { decide } from "@/lib/auth/policy";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Orrery",
  description: "Dashboards for Prometheus and Thanos at scale",
};

// A dashboard link's `theme=light|dark` (Grafana's, for embeds) wins over the stored choice, without replacing it.
const THEME_SCRIPT = `try{var p=location.pathname,q=p.indexOf("/d/")===0||p.indexOf("/d-solo/")===0?(new URLSearchParams(location.search).get("theme")||"").toLowerCase():"";var t=q==="dark"||q==="light"?q:localStorage.getItem("orrery-theme");if(t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  // proxy.ts: the CSP nonce of this request, and whether this is a solo panel (an iframe: no chrome).
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const solo = requestHeaders.get("x-orrery-solo") === "1";
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A constant script (no user input): applies the saved or system theme before the first paint. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        {solo ? null : <Chrome cookie={requestHeaders.get("cookie")} />}
        <Providers>{children}</Providers>
      </body>
    </html>
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
  return (
        <header className="flex items-center gap-6 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
          <Link href="/" className="font-semibold tracking-tight">
            Orrery
          </Link>
          <nav className="flex gap-4 text-sm">
            <Link href="/dashboards" className="hover:underline">
              Dashboards
            </Link>
            <Link href="/dashboard/import" className="hover:underline">
              Import
            </Link>
            {canExplore && (
              <Link href="/explore" className="hover:underline">
                Explore
              </Link>
            )}
            <Link href="/topology" className="hover:underline">
              Topology
            </Link>
            <Link href="/knative" className="hover:underline">
              Knative
            </Link>
            {isAdmin && (
              <Link href="/admin" className="hover:underline">
                Admin
              </Link>
            )}
          </nav>
          <div className="ml-auto flex items-center gap-4">
            <UserMenu name={user?.name ?? null} role={user?.role ?? null} />
            <ThemeToggle />
          </div>
        </header>
  );
}
