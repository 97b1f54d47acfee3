"use client";

import { useLayoutEffect, useState, type RefObject } from "react";
import { nearViewport, SEEN_MARGIN_PX } from "@/lib/dashboards/viewport";

interface Size {
  width: number;
  height: number;
}

const sameSize = (s: Size, width: number, height: number) => s.width === width && s.height === height;

/**
 * The element's box in CSS px (for elements without padding or border: their content box), read once
 * when it mounts, before the browser paints (a layout effect: a panel knows its width, and so its
 * queries, in the task that mounted it, not a frame later), then kept current with a ResizeObserver.
 */
export function useElementSize(ref: RefObject<HTMLElement | null>, expected?: Size | null): Size {
  // Where the element is expected to be laid out (e.g. a grid's arithmetic): the first render uses
  // it; the measurement below then changes nothing when it was right.
  const [size, setSize] = useState<Size>(() => expected ?? { width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const set = (w: number, h: number) => {
      const width = Math.round(w);
      const height = Math.round(h);
      setSize((s) => (sameSize(s, width, height) ? s : { width, height }));
    };
    const box = el.getBoundingClientRect();
    set(box.width, box.height);
    const observer = new ResizeObserver(([entry]) => set(entry!.contentRect.width, entry!.contentRect.height));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * True once the element has come within 200 px of the viewport; panels below the fold wait until
 * then. An element expected there, or already there when it mounts is seen at once (read before paint), so its queries
 * start in the task that mounted it instead of after the IntersectionObserver's first report.
 */
export function useSeenOnce(ref: RefObject<HTMLElement | null>, expected = false): boolean {
  // `expected`: known to be on screen before it renders (a grid's arithmetic); else measured below.
  const [seen, setSeen] = useState(expected);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (nearViewport(el.getBoundingClientRect(), window.innerWidth, window.innerHeight)) {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), { rootMargin: `${SEEN_MARGIN_PX}px` });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}
