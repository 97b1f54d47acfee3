"use client";

import { useCallback, useEffect, useState, type RefObject } from "react";
import type { RunSnapshot } from "@/lib/explore/run";

// Used only if the results area cannot be measured (it always can once mounted).
const FALLBACK_WIDTH_PX = 1000;

/**
 * The clock and graph width pinned by the latest run. The first run starts once the results area
 * has a size (so the step fits the chart); `rerun` pins a new snapshot, which changes query keys.
 */
export function useRunSnapshot(measureRef: RefObject<HTMLElement | null>): [RunSnapshot | null, () => void] {
  const [snapshot, setSnapshot] = useState<RunSnapshot | null>(null);

  useEffect(() => {
    const element = measureRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      observer.disconnect();
      setSnapshot((previous) => previous ?? { nowMs: Date.now(), widthPx: element.clientWidth || FALLBACK_WIDTH_PX });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [measureRef]);

  const rerun = useCallback(() => {
    setSnapshot({ nowMs: Date.now(), widthPx: measureRef.current?.clientWidth || FALLBACK_WIDTH_PX });
  }, [measureRef]);

  return [snapshot, rerun];
}
