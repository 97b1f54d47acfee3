"use client";

import { createContext } from "react";
import type { GridItemBox } from "@/lib/dashboards/viewport";

export type { GridItemBox };

/**
 * Where the grid will lay an item out, known when it renders (the grid's own arithmetic): its box in
 * CSS px and its top relative to the viewport as the grid was measured. A panel starts from it (its
 * size, whether it is on screen), so it plans and starts its queries in its first render instead of
 * after measuring itself; it still measures, and follows the measured box when that differs.
 */
export const GridItemBoxContext = createContext<GridItemBox | null>(null);
