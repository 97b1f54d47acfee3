import { describe, expect, it } from "vitest";
import * as schema from "@/app/api/dashboards/schema/route";
import { authed } from "../auth/test-principal";
import { ctx, request } from "./helpers";

describe("GET /api/dashboards/schema", () => {
  it("answers the dashboard model as JSON Schema, input side", async () => {
    const res = await schema.GET(await authed(request("GET", "/api/dashboards/schema"), "viewer"), ctx({}));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const json = JSON.parse(await res.text());
    expect(json).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", title: "Orrery dashboard", additionalProperties: false });
    expect(Object.keys(json.properties)).toEqual(
      expect.arrayContaining(["schemaVersion", "uid", "title", "tags", "time", "refresh", "timezone", "templating", "panels", "links"]),
    );
    // Fields with defaults are optional on input: a client may send just these three.
    expect(json.required).toEqual(["schemaVersion", "uid", "title"]);
    expect(json.properties.uid.pattern).toBe("^[A-Za-z0-9_-]{1,40}$");
    const panelTypes = json.properties.panels.items.oneOf.map((p: { properties: { type: { const: string } } }) => p.properties.type.const);
    expect(panelTypes).toEqual(expect.arrayContaining(["timeseries", "stat", "row"]));
  });
});
