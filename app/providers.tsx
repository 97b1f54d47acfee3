"use client";

import { useEffect, useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cancelQueriesOnLeave } from "@/lib/promql/cancel-on-leave";

export function Providers({ children }: { children: ReactNode }) {
  // One QueryClient per browser tab; defaults set once here (STYLE.md §2).
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 },
        },
      }),
  );
  // Leaving the page aborts its queries in flight at once (lib/promql/cancel-on-leave.ts).
  useEffect(() => cancelQueriesOnLeave(client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
