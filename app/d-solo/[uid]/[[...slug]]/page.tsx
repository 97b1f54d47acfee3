import type { Metadata } from "next";
import { SoloPanel } from "@/components/solo/solo-panel";
import { soloPageParams } from "@/lib/embed/solo-url";

export const metadata: Metadata = { title: "Orrery panel", referrer: "no-referrer" };

/** `/d-solo/<uid>/<slug>?panelId&from&to&var-*&theme&refresh&token`: one panel, no chrome, for iframes. */
export default async function Page({ params, searchParams }: PageProps<"/d-solo/[uid]/[[...slug]]">) {
  const { uid } = await params;
  return <SoloPanel uid={uid} {...soloPageParams(await searchParams)} />;
}
