import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, UnauthorizedError, UnsupportedMediaTypeError } from "./errors";
import { log as logger } from "@/lib/ops/log";
import { route } from "./route";

const call = async (handler: () => Promise<Response> | Response, init: RequestInit = {}) => {
  const res = await route(handler)(new Request("http://localhost/api/x", init), {});
  return { status: res.status, headers: res.headers, json: (await res.json()) as { error: Record<string, unknown> } };
};
const thrower = (err: unknown) => () => {
  throw err;
};

afterEach(() => vi.restoreAllMocks());

describe("route()", () => {
  it.each([
    [new BadRequestError("bad", [{ path: "a.b", message: "m" }]), 400, { code: "bad_request", message: "bad", issues: [{ path: "a.b", message: "m" }] }],
    [new UnauthorizedError(), 401, { code: "unauthorized", message: "sign in first" }],
    [new ForbiddenError("no"), 403, { code: "forbidden", message: "no" }],
    [new NotFoundError("gone"), 404, { code: "not_found", message: "gone" }],
    [new ConflictError("stale", { current: { version: 4 } }), 409, { code: "conflict", message: "stale", current: { version: 4 } }],
    [new PayloadTooLargeError(10), 413, { code: "payload_too_large", message: "request body exceeds 10 bytes" }],
    [new UnsupportedMediaTypeError(null), 415, { code: "unsupported_media_type", message: 'request body must be application/json, got "none"' }],
  ])("answers %o with its status and body", async (err, status, error) => {
    const res = await call(thrower(err));
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps details from overriding code and message", async () => {
    const res = await call(thrower(new ConflictError("real", { code: "fake", message: "fake" })));
    expect(res.json.error).toMatchObject({ code: "conflict", message: "real" });
  });

  it("answers a ZodError with 400 and its issue paths", async () => {
    const schema = z.object({ panels: z.array(z.object({ w: z.number() })) });
    const res = await call(() => Response.json(schema.parse({ panels: [{ w: "x" }] })));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "bad_request", issues: [{ path: "panels[0].w", message: expect.any(String) }] });
    expect(res.json.error.message).toMatch(/^invalid request: panels\[0\]\.w: /);
  });

  it("answers anything else with a generic 500 and logs the detail", async () => {
    const log = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const res = await call(thrower(new Error("EACCES: /secret/path")));
    expect(res).toMatchObject({ status: 500, json: { error: { code: "internal", message: "internal server error" } } });
    // The detail goes to the (JSON) log, never to the client.
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ message: "EACCES: /secret/path" }), method: "GET", path: "/api/x" }), "unhandled error in an API route");
  });

  it("refuses a non-JSON body on a mutation before the handler runs", async () => {
    const handler = vi.fn(() => Response.json({}));
    const res = await call(handler, { method: "POST", body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "3" } });
    expect(res.status).toBe(415);
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes successful responses through, defaulting them to no-store", async () => {
    const res = await route(() => Response.json({ ok: true }, { status: 201 }))(new Request("http://localhost/"), {});
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const cached = await route(() => Response.json({}, { headers: { "cache-control": "max-age=60" } }))(new Request("http://localhost/"), {});
    expect(cached.headers.get("cache-control")).toBe("max-age=60");
  });
});
