import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, resetConfig } from "@/lib/config";
import { knativeRevisionsResponseSchema } from "@/lib/knative/view/settings";
import { GET } from "./route";
import { authed } from "@/test/auth/test-principal";

const saved = { ORRERY_CONFIG: process.env.ORRERY_CONFIG };

function configFile(config: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-knative-")), "orrery.config.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

function useConfig(config: unknown): void {
  process.env.ORRERY_CONFIG = configFile(config);
  resetConfig();
}

async function get(): Promise<{ status: number; body: unknown }> {
  const res = await GET(await authed(new Request("http://localhost/api/knative/revisions"), "viewer"), undefined);
  return { status: res.status, body: await res.json() };
}

afterEach(() => {
  if (saved.ORRERY_CONFIG === undefined) delete process.env.ORRERY_CONFIG;
  else process.env.ORRERY_CONFIG = saved.ORRERY_CONFIG;
  resetConfig();
});

const DS = [{ id: "p", type: "prometheus", url: "http://127.0.0.1:9", auth: { bearerToken: "s3cret-token" } }];

describe("GET /api/knative/revisions", () => {
  it("gives the configured revisions and nothing about datasources", async () => {
    const revisions = [
      { namespace: "shop", revision: "checkout-*", containerConcurrency: 10, annotations: { "autoscaling.knative.dev/target": "7" } },
      { namespace: "media", revision: "thumbnailer-00002" },
    ];
    useConfig({ datasources: DS, knative: { revisions } });
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(knativeRevisionsResponseSchema.parse(body)).toEqual({ revisions });
    expect(JSON.stringify(body)).not.toContain("s3cret");
  });

  it("is an empty list without a knative section", async () => {
    useConfig({ datasources: DS });
    expect(await get()).toEqual({ status: 200, body: { revisions: [] } });
  });

  it.each([
    [{ revisions: [{ namespace: "shop", revision: "Checkout_1" }] }, /knative\.revisions\[0\]\.revision: must be a revision name or a glob/],
    [{ revisions: [{ namespace: "shop", revision: "x", containerConcurrency: -1 }] }, /knative\.revisions\[0\]\.containerConcurrency/],
    [{ revisions: [{ namespace: "shop", revision: "x", annotations: { "bad key!": "1" } }] }, /knative\.revisions\[0\]\.annotations/],
    [{ revisions: [], extra: true }, /knative/],
  ])("refuses a bad knative section at start-up, naming the field (%j)", (knative, message) => {
    const file = configFile({ datasources: DS, knative });
    expect(() => loadConfig({ ORRERY_CONFIG: file })).toThrow(ConfigError);
    expect(() => loadConfig({ ORRERY_CONFIG: file })).toThrow(message);
  });
});
