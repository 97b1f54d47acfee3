import { Suspense } from "react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { getAuthContext } from "@/lib/auth/context";
import { pagePrincipal } from "@/lib/auth/page-session";
import { decide, requiredRole } from "@/lib/auth/policy";
import { Explore } from "@/components/explore/explore";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Explore · Orrery" };

export default async function ExplorePage() {
  // `viewersCanExplore: false`: say so instead of an editor whose every query fails (the proxy refuses them too).
  const principal = await pagePrincipal((await headers()).get("cookie"));
  const { settings } = getAuthContext();
  if (principal && !decide(principal, "query:explore", settings).allow) {
    return (
      <main className="p-4">
        <h1 className="text-xl font-semibold">Explore</h1>
        <p role="alert" className="mt-2 text-red-700 dark:text-red-400">
          You do not have permission to use Explore: it needs the {requiredRole("query:explore", settings)} role on this server. Dashboards you can read still work.
        </p>
      </main>
    );
  }
  // Explore reads its state from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<Spinner label="Loading Explore…" className="p-4" />}>
      <Explore />
    </Suspense>
  );
}
