import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

/** A harness page: `entry` (a file in e2e/harness) bundled with its imports into one HTML string, for page.setContent. */
export async function bundledHarnessHtml(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    minify: true,
    write: false,
    format: "iife",
    target: "es2022",
    alias: { "@": root },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const js = out.outputFiles[0]!.text.replace(/<\/script/gi, "<\\/script");
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:transparent}</style></head><body><script>${js}</script></body></html>`;
}

/** The render harness page: chart-harness.ts (ECharts, uPlot, our M4 and frame decoder). */
export const harnessHtml = (): Promise<string> => bundledHarnessHtml("chart-harness.ts");

/** The wire bench's page: wire-harness.ts (the frame decoders, timed in the browser). */
export const wireHarnessHtml = (): Promise<string> => bundledHarnessHtml("wire-harness.ts");
