import { Suspense } from "react";
import type { Metadata } from "next";
import { Explore } from "@/components/explore/explore";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Explore · Orrery" };

export default function ExplorePage() {
  // Explore reads its state from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<Spinner label="Loading Explore…" className="p-4" />}>
      <Explore />
    </Suspense>
  );
}
