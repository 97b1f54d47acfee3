import { Suspense } from "react";
import { NewDashboard } from "@/components/dashboard/edit/new-dashboard";

export const metadata = { title: "New dashboard · Orrery" };

export default function NewDashboardPage() {
  return (
    <Suspense>
      <NewDashboard />
    </Suspense>
  );
}
