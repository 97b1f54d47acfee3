/** A minimal cookie jar for driving redirects with fetch in tests: name → value, honouring deletion. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Stores `Set-Cookie` lines (expired or empty cookies are removed). */
  addSetCookies(lines: string[]): void {
    for (const line of lines) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=(0|-\d+)\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  addFrom(res: Response): void {
    this.addSetCookies(res.headers.getSetCookie());
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}
