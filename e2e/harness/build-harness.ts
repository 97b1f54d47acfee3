import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

/** The harness page: chart-harness.ts bundled (ECharts, uPlot, our M4 and frame decoder) into one HTML string. */
export async function harnessHtml(): Promise<string> {
  const out = await build({
    entryPoints: [join(here, "chart-harness.ts")],
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
