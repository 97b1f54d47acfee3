import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { storageWriteError } from "./errors";

const errno = (code: string) => Object.assign(new Error(`${code}: failed, write '/srv/data/x/.current.json.0123456789abcdef.tmp'`), { code });

describe("storageWriteError", () => {
  it.each([
    ["ENOSPC", 507, "insufficient_storage", /out of space \(ENOSPC\)/],
    ["EDQUOT", 507, "insufficient_storage", /quota/],
    ["EROFS", 500, "storage_unwritable", /read-only file system/],
    ["EACCES", 500, "storage_unwritable", /permission denied/],
    ["EIO", 500, "storage_error", /I\/O error \(EIO\)/],
  ])("%s -> %i %s naming the cause, never the path", (code, status, apiCode, says) => {
    const e = storageWriteError("db-1", errno(code));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status, code: apiCode });
    expect((e as ApiError).message).toMatch(says);
    expect((e as ApiError).message).toContain("db-1");
    expect((e as ApiError).message).not.toContain("/srv/data");
  });

  it("passes other errors through unchanged", () => {
    const other = new TypeError("boom");
    expect(storageWriteError("db-1", other)).toBe(other);
    const unknownErrno = errno("EBUSY");
    expect(storageWriteError("db-1", unknownErrno)).toBe(unknownErrno);
  });
});
