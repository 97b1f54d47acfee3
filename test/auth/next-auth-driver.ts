import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { CookieJar } from "./cookie-jar";

// next-auth's framework-neutral handler (what /api/auth/[...nextauth] runs inside Next); not in its exports map.
const require = createRequire(import.meta.url);
const { AuthHandler } = require(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: Request; options: NextAuthOptions }) => Promise<InternalResponse>;
};

interface InternalResponse {
  status?: number;
  body?: unknown;
  redirect?: string;
  cookies?: { name: string; value: string; options?: { maxAge?: number; expires?: Date } }[];
}

/** Drives next-auth's routes in-process against `options`, as the browser would against /api/auth/*. */
export class NextAuthDriver {
  readonly jar = new CookieJar();

  constructor(
    readonly appOrigin: string,
    private readonly options: NextAuthOptions,
  ) {}

  async call(method: "GET" | "POST", route: string, body?: Record<string, string>, headers: Record<string, string> = {}): Promise<InternalResponse> {
    const req = new Request(`${this.appOrigin}/api/auth/${route}`, {
      method,
      headers: { ...headers, cookie: this.jar.header(), ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const res = await AuthHandler({ req, options: this.options });
    for (const c of res.cookies ?? []) {
      const expired = c.options?.maxAge !== undefined && c.options.maxAge <= 0;
      if (expired || c.value === "") this.jar.addSetCookies([`${c.name}=; Max-Age=0`]);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  async csrfToken(): Promise<string> {
    const res = await this.call("GET", "csrf");
    return (res.body as { csrfToken: string }).csrfToken;
  }

  /** A request to the app carrying the session cookies the jar holds. */
  appRequest(pathname: string, init: RequestInit = {}): Request {
    return new Request(`${this.appOrigin}${pathname}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: this.jar.header() } });
  }
}
