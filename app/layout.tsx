import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Orrery",
  description: "Dashboards for Prometheus and Thanos at scale",
};

// A dashboard link's `theme=light|dark` (Grafana's, for embeds) wins over the stored choice, without replacing it.
const THEME_SCRIPT = `try{var p=location.pathname,q=p.indexOf("/d/")===0||p.indexOf("/d-solo/")===0?(new URLSearchParams(location.search).get("theme")||"").toLowerCase():"";var t=q==="dark"||q==="light"?q:localStorage.getItem("orrery-theme");if(t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  // proxy.ts: the CSP nonce of this request.
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A constant script (no user input): applies the saved or system theme before the first paint. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        {/* The header, nav and React Query: app/(app)/layout.tsx, for every page but the solo panel (app/d-solo). */}
        {children}
      </body>
    </html>
  );
}
