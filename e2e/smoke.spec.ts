import { expect, test } from "@playwright/test";
import { E2E_SECRET_TOKEN } from "../scripts/stack";

interface DatasourceSummary {
  id: string;
  default?: boolean;
}

test("GET /api/datasources lists every datasource and reveals no secret", async ({ request }) => {
  const res = await request.get("/api/datasources");
  expect(res.status()).toBe(200);

  const text = await res.text();
  expect(text).not.toContain(E2E_SECRET_TOKEN);
  expect(JSON.stringify(res.headers())).not.toContain(E2E_SECRET_TOKEN);

  const { datasources } = JSON.parse(text) as { datasources: DatasourceSummary[] };
  expect(datasources.map((d) => d.id).sort()).toEqual(["down", "east", "global", "west"]);
  expect(datasources.filter((d) => d.default === true).map((d) => d.id)).toEqual(["global"]);
});
