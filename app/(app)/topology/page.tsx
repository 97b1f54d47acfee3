import { Suspense } from "react";
import type { Metadata } from "next";
import { TopologyView } from "@/components/topology/topology-view";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Topology · Orrery" };

export default function TopologyPage() {
  // The view reads ?ds= and ?node= with useSearchParams, which needs a Suspense boundary.
  return (
    <Suspense fallback={<Spinner label="Loading the topology…" className="p-4" />}>
      <TopologyView />
    </Suspense>
  );
}
