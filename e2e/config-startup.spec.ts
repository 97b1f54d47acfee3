import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findFreePort } from "../scripts/stack";

// `next start` with a bad configuration must refuse to start and name the failing field.
async function startWithConfig(config: unknown): Promise<{ code: number | null; output: string }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-bad-config-")), "orrery.config.json");
  writeFileSync(file, JSON.stringify(config));
  const port = await findFreePort();
  const child = spawn("./node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, ORRERY_CONFIG: file, NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c));
  child.stderr.on("data", (c: Buffer) => (output += c));
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 30_000);
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  clearTimeout(timer);
  return { code, output };
}

test("a bad datasource URL stops start-up with a message naming the field", async () => {
  const { code, output } = await startWithConfig({ datasources: [{ id: "ok", type: "prometheus", url: "http://a" }, { id: "x", type: "prometheus", url: "ftp://b" }] });
  expect(code).toBe(1);
  expect(output).toContain("datasources[1].url: must use http or https");
});

test("an unknown field stops start-up, naming it", async () => {
  const { code, output } = await startWithConfig({ datasources: [{ id: "x", type: "prometheus", url: "http://a", tiemout: "5s" }] });
  expect(code).toBe(1);
  expect(output).toContain('datasources[0]: Unrecognized key: "tiemout"');
});
