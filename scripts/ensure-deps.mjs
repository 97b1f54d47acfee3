// Runs before `npm test` and `npm run demo` (npm's pre-scripts): on a fresh clone there is no
// node_modules yet, and the scripts themselves need tsx from it. Plain Node, no dependencies.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!["tsx", "next", "vitest", "playwright", "eslint"].every((bin) => existsSync(`node_modules/.bin/${bin}`))) {
  console.log("Installing npm dependencies (npm ci)...");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
