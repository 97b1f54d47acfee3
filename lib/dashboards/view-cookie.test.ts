import { describe, expect, it } from "vitest";
import { encodeViewCookie, parseViewCookie, VIEW_COOKIE, viewCookieAssignment, type ViewCookie } from "./view-cookie";

const view: ViewCookie = { gridWidth: 1568, gridTop: 121, innerWidth: 1600, innerHeight: 1300, dpr: 1.25, timeZone: "America/Argentina/Buenos_Aires" };

describe("view cookie", () => {
  it("reads back what it wrote, with cookie-safe characters only", () => {
    const value = encodeViewCookie(view);
    expect(value).toMatch(/^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/);
    expect(parseViewCookie(value)).toEqual(view);
    expect(parseViewCookie(encodeViewCookie({ ...view, gridTop: -40, dpr: 2, timeZone: "" }))).toEqual({ ...view, gridTop: -40, dpr: 2, timeZone: "" });
    expect(parseViewCookie(encodeViewCookie({ ...view, timeZone: "Etc/GMT+5" }))?.timeZone).toBe("Etc/GMT+5");
  });

  it("is null when absent, of another version, short, not numbers or out of range", () => {
    const good = encodeViewCookie(view);
    for (const bad of [
      undefined,
      "",
      good.replace(/^v1/, "v2"),
      good.split(".").slice(0, 6).join("."),
      `${good}.extra`,
      good.replace(".1568.", ".wide."),
      good.replace(".1568.", ".1e3."),
      good.replace(".1568.", ".0."),
      good.replace(".1568.", ".99999."),
      good.replace(".125.", ".10000."),
      good.replace(/\.[^.]*$/, ".%E0%A4%A"),
      good.replace(/\.[^.]*$/, ".Europe%2FParis%3Cscript%3E"),
    ]) {
      expect(parseViewCookie(bad), String(bad)).toBeNull();
    }
  });

  it("is stored for the whole app, SameSite=Lax, Secure over HTTPS", () => {
    expect(viewCookieAssignment(view, false)).toBe(`${VIEW_COOKIE}=${encodeViewCookie(view)}; Path=/; Max-Age=31536000; SameSite=Lax`);
    expect(viewCookieAssignment(view, true)).toMatch(/; Secure$/);
  });
});
