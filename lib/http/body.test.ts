import { describe, expect, it } from "vitest";
import { readJsonBody } from "./body";
import { ApiError } from "./errors";

const req = (body: BodyInit | undefined, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/", { method: "POST", body, headers });

async function failure(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error("expected a failure");
}

// A stream with no declared length, as a chunked upload arrives.
function chunked(parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(new TextEncoder().encode(p));
      c.close();
    },
  });
}

describe("readJsonBody", () => {
  it("parses a JSON body, with or without a charset", async () => {
    expect(await readJsonBody(req('{"a":[1]}'))).toEqual({ a: [1] });
    expect(await readJsonBody(req("1", { "content-type": "Application/JSON; charset=utf-8" }))).toBe(1);
  });

  it.each([
    [{ "content-type": "text/plain" }, 415],
    [{ "content-type": "application/jsonp" }, 415],
    [{}, 415],
  ])("refuses content type %j", async (headers, status) => {
    expect((await failure(readJsonBody(req("{}", headers)))).status).toBe(status);
  });

  it("refuses bodies over the limit, declared or streamed", async () => {
    expect(await failure(readJsonBody(req("{}", { "content-type": "application/json", "content-length": "11" }), 10))).toEqual({
      status: 413,
      message: "request body exceeds 10 bytes",
    });
    const streamed = new Request("http://localhost/", { method: "POST", body: chunked(['{"a":"', "x".repeat(20), '"}']), headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect((await failure(readJsonBody(streamed, 10))).status).toBe(413);
  });

  it.each([
    ["", "request body is empty; expected a JSON object"],
    ["  ", "request body is empty; expected a JSON object"],
    ['{"a":', "request body is not valid JSON: "],
  ])("refuses %j with 400 naming the problem", async (text, message) => {
    const f = await failure(readJsonBody(req(text)));
    expect(f.status).toBe(400);
    expect(f.message.startsWith(message)).toBe(true);
  });

  it("refuses invalid UTF-8", async () => {
    expect(await failure(readJsonBody(req(new Uint8Array([0x22, 0xff, 0x22]))))).toEqual({ status: 400, message: "request body is not valid UTF-8" });
  });
});
