"use client";

import { useState } from "react";
import { emptyDashboard, generateUid } from "@/lib/dashboards/edit";
import { DashboardScreen } from "../dashboard-page";

/** An empty dashboard with a fresh uid, open in the editor; its first save creates it. */
export function NewDashboard() {
  const [fresh] = useState(() => emptyDashboard(generateUid()));
  return <DashboardScreen stored={null} fresh={fresh} />;
}
