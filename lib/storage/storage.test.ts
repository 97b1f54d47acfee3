import { describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError } from "@/lib/http/errors";
import { databaseUrl, describeDatabase, isPostgresUrl, redactUrl } from "./config";
import { isConnectionError, StoreUnavailableError, translateStoreError } from "./errors";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("storage settings", () => {
  it.each([
    ["postgres://u:p@db:5432/orrery", true],
    ["postgresql://db/orrery", true],
    ["postgres:///orrery", false],
    ["mysql://db/orrery", false],
    ["db:5432", false],
    ["", false],
  ])("isPostgresUrl(%j) = %s", (url, ok) => expect(isPostgresUrl(url)).toBe(ok));

  it("takes ORRERY_DATABASE_URL over the config file, treats empty as unset, and names a bad variable without its password", () => {
    expect(databaseUrl({ ORRERY_DATABASE_URL: "postgres://a/x" }, { databaseUrl: "postgres://b/y" })).toBe("postgres://a/x");
    expect(databaseUrl({ ORRERY_DATABASE_URL: "" }, { databaseUrl: "postgres://b/y" })).toBe("postgres://b/y");
    expect(databaseUrl({}, undefined)).toBeUndefined();
    expect(() => databaseUrl({ ORRERY_DATABASE_URL: "mysql://root:hunter2@db/x" })).toThrow(/^ORRERY_DATABASE_URL must be a PostgreSQL URL .*mysql:\/\/root:\*\*\*@db\/x/);
    expect(() => databaseUrl({ ORRERY_DATABASE_URL: "mysql://root:hunter2@db/x" })).not.toThrow(/hunter2/);
  });

  it("describes a database as host:port/db, never with credentials", () => {
    expect(describeDatabase("postgres://orrery:s3cret@db.example:6432/orrery?sslmode=require")).toBe("db.example:6432/orrery");
    expect(describeDatabase("postgres://db")).toBe("db:5432");
    expect(redactUrl("postgres://orrery:s3cret@db/orrery")).toBe("postgres://orrery:***@db/orrery");
  });
});

describe("store errors", () => {
  it.each([
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), true],
    [new Error("Connection terminated unexpectedly"), true],
    [new Error("timeout exceeded when trying to connect"), true],
    [pgError("57P01", "terminating connection due to administrator command"), true],
    [pgError("08006"), true],
    [pgError("28P01", 'password authentication failed for user "orrery"'), true],
    [pgError("3D000", 'database "nope" does not exist'), true],
    [pgError("23505", "duplicate key value violates unique constraint"), false],
    [pgError("42P01", 'relation "x" does not exist'), false],
    [new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" })]), true],
    ["not an error", false],
  ])("isConnectionError(%s) = %s", (e, expected) => expect(isConnectionError(e)).toBe(expected));

  it("maps connection errors to a 503 saying what failed, where, and whether anything was written", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const save = translateStoreError(refused, "save dashboard abc", "db:5432/orrery", "nothing");
    expect(save).toBeInstanceOf(StoreUnavailableError);
    expect(save).toMatchObject({
      status: 503,
      code: "store_unavailable",
      message: "the store is unavailable: cannot save dashboard abc (PostgreSQL db:5432/orrery: connect ECONNREFUSED 127.0.0.1:5432); nothing was saved, try again",
    });
    expect((translateStoreError(refused, "save dashboard abc", "db", "unknown") as Error).message).toMatch(/reload to see whether it was saved$/);
    expect((translateStoreError(refused, "read dashboard abc", "db", "read") as Error).message).toMatch(/^the store is unavailable: cannot read dashboard abc \(PostgreSQL db: .*\)$/);
  });

  it("passes API errors through, turns NUL text into a 400, and leaves other failures alone (500)", () => {
    const notFound = new NotFoundError("dashboard x does not exist");
    expect(translateStoreError(notFound, "read", "db", "read")).toBe(notFound);
    expect(translateStoreError(pgError("22P05", "unsupported Unicode escape sequence"), "save", "db", "nothing")).toBeInstanceOf(BadRequestError);
    const other = pgError("42P01");
    expect(translateStoreError(other, "save", "db", "nothing")).toBe(other);
  });
});
