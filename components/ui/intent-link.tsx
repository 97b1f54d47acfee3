"use client";

import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * A `next/link` that prefetches its route only once the visitor shows intent (pointer over it, focus,
 * touch), not as soon as it is on screen. Next's default prefetches every visible link of a dynamic
 * route by rendering it on the server: the header's nav alone cost a dashboard page ~8 server renders
 * and their RSC payloads on the main thread while its panels were drawing, and the page then asks
 * again when its URL changes (issue 7 B5). Navigation still prefetches before the click.
 */
export function IntentLink({ onPointerEnter, onFocus, onTouchStart, ...props }: Omit<ComponentProps<typeof Link>, "prefetch">) {
  const [intent, setIntent] = useState(false);
  return (
    <Link
      {...props}
      // null = Next's own prefetching, from the moment intent is shown (Next's "hover-triggered prefetch").
      prefetch={intent ? null : false}
      onPointerEnter={(e) => {
        setIntent(true);
        onPointerEnter?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        setIntent(true);
        onTouchStart?.(e);
      }}
    />
  );
}
