import { notFound } from "next/navigation";
import { uidSchema } from "@/lib/dashboards/schema";
import { DashboardVersions } from "@/components/dashboard-versions/dashboard-versions";

export const metadata = { title: "Versions · Orrery" };

export default async function VersionsPage({ params }: PageProps<"/dashboards/[uid]/versions">) {
  const { uid } = await params;
  if (!uidSchema.safeParse(uid).success) notFound();
  return (
    <main className="mx-auto max-w-6xl p-4">
      <DashboardVersions uid={uid} />
    </main>
  );
}
