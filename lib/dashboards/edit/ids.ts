import type { Dashboard, DashboardPanel, Panel } from "../schema";

/** Every panel id in the dashboard, rows and the panels inside collapsed rows included. */
export function allPanelIds(panels: readonly DashboardPanel[]): number[] {
  return panels.flatMap((p) => (p.type === "row" ? [p.id, ...p.panels.map((c) => c.id)] : [p.id]));
}

/** One more than the largest id in use, as Grafana allocates them. */
export function nextPanelId(dashboard: Pick<Dashboard, "panels">): number {
  return Math.max(0, ...allPanelIds(dashboard.panels)) + 1;
}

/** The first free refId in Grafana's order: A..Z, then A1, B1, ... */
export function nextRefId(targets: readonly { refId: string }[]): string {
  const used = new Set(targets.map((t) => t.refId));
  for (let round = 0; ; round++) {
    for (let c = 0; c < 26; c++) {
      const id = `${String.fromCharCode(65 + c)}${round === 0 ? "" : round}`;
      if (!used.has(id)) return id;
    }
  }
}

/** Finds a non-row panel, top level or inside a collapsed row. */
export function findPanel(dashboard: Pick<Dashboard, "panels">, id: number): Panel | undefined {
  for (const p of dashboard.panels) {
    if (p.type !== "row") {
      if (p.id === id) return p;
    } else {
      const child = p.panels.find((c) => c.id === id);
      if (child) return child;
    }
  }
  return undefined;
}

const UID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A new dashboard uid: 9 random characters of [A-Za-z0-9], as Grafana generates them. */
export function generateUid(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  // 62 does not divide 256; the slight bias towards the first letters does not matter for uniqueness.
  return Array.from(random(9), (b) => UID_ALPHABET[b % UID_ALPHABET.length]).join("");
}
