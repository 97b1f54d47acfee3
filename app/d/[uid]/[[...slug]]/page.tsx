import { Suspense } from "react";
import { DashboardPage } from "@/components/dashboard/dashboard-page";

export default async function Page({ params }: PageProps<"/d/[uid]/[[...slug]]">) {
  const { uid } = await params;
  return (
    <Suspense>
      <DashboardPage uid={uid} />
    </Suspense>
  );
}
