import { headers } from "next/headers";
import { pagePrincipal } from "@/lib/auth/page-session";
import { AdminConsole } from "@/components/admin/admin-console";

export const metadata = { title: "Admin · Orrery" };
export const dynamic = "force-dynamic";

/** API tokens and users. The page checks the role for comfort; the /api/admin routes decide (authorize). */
export default async function AdminPage() {
  const principal = await pagePrincipal((await headers()).get("cookie"));
  const admin = principal && principal.kind === "user" && principal.role === "admin";
  return (
    <main className="mx-auto max-w-5xl space-y-3 p-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      {admin ? (
        <AdminConsole currentUser={principal.name} />
      ) : (
        <p role="alert" className="text-red-700 dark:text-red-400">
          You need the admin role to manage tokens and users.
        </p>
      )}
    </main>
  );
}
