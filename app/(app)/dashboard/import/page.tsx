import { ImportPage } from "@/components/dashboard-import/import-page";

export const metadata = { title: "Import dashboard · Orrery" };

export default function DashboardImportPage() {
  return <ImportPage />;
}
