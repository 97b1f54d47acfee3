import { DashboardList } from "@/components/dashboard-list/dashboard-list";

export const metadata = { title: "Dashboards · Orrery" };

export default function DashboardsPage() {
  return (
    <main className="mx-auto max-w-5xl p-4">
      <h1 className="mb-4 text-xl font-semibold">Dashboards</h1>
      <DashboardList />
    </main>
  );
}
