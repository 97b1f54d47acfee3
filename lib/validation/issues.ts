/** Formats a zod issue path as `panels[3].options.unit`. */
export function formatIssuePath(issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, "");
}

export interface Issue {
  path: string;
  message: string;
}

/** The part of a zod error these helpers read: zod's and zod/mini's errors both have it. */
export interface ZodIssues {
  readonly issues: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly message: string }>;
}

/** The issues of a ZodError as `{ path, message }`, paths in `a.b[2].c` form ("(root)" for the top). */
export function zodIssues(error: ZodIssues): Issue[] {
  return error.issues.map((i) => ({ path: formatIssuePath(i.path) || "(root)", message: i.message }));
}

/** One line naming every failing field: `panels[0].gridPos.w: x + w must be at most 24; ...`. */
export function formatZodError(error: ZodIssues): string {
  return zodIssues(error).map((i) => `${i.path}: ${i.message}`).join("; ");
}
