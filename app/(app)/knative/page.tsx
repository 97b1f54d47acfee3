import { Suspense } from "react";
import type { Metadata } from "next";
import { KnativeView } from "@/components/knative/knative-view";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Knative · Orrery" };

export default function KnativePage() {
  // The view reads its state from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<Spinner label="Loading Knative…" className="p-4" />}>
      <KnativeView />
    </Suspense>
  );
}
