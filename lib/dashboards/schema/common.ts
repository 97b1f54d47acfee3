import { z } from "zod";

/** Dashboard uid: it names a folder on disk and appears in URLs, so the alphabet is closed. */
export const uidSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "must be 1-40 letters, digits, '-' or '_'")
  // /api/dashboards/schema and /api/dashboards/import are routes; a dashboard of that uid could not be reached.
  .refine((uid) => uid !== "schema", { message: '"schema" is reserved' })
  .refine((uid) => uid !== "import", { message: '"import" is reserved' });

/** A variable name, as `$name` / `${name}` / `[[name]]` refer to it. */
export const variableNameSchema = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must start with a letter or '_' and hold only letters, digits and '_'")
  .refine((n) => !n.startsWith("__"), { message: "names starting with '__' are reserved for built-ins" });

/** A datasource id from the configuration, a `$variable` naming one, or absent for the default. */
export const datasourceRefSchema = z
  .string()
  .regex(/^([A-Za-z0-9][A-Za-z0-9_-]{0,39}|\$\{?[a-zA-Z_][a-zA-Z0-9_]*\}?)$/, "must be a datasource id or a $variable");

/** Color: a CSS name or #hex; never anything that could close a style attribute. */
export const colorSchema = z.string().regex(/^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30})$/, "must be a color name or #hex");

/** Links are rendered as anchors: only http(s), mailto and same-site relative URLs. */
export const linkUrlSchema = z
  .string()
  .max(2000)
  .refine((u) => /^(https?:\/\/|mailto:|\/(?!\/)|\?|#)/i.test(u.trim()), {
    message: "must be an http(s), mailto or relative URL",
  });

export const linkSchema = z.strictObject({
  title: z.string().min(1).max(200),
  url: linkUrlSchema,
  targetBlank: z.boolean().default(false),
});
export type Link = z.infer<typeof linkSchema>;

/** Grafana-style relative or absolute time: `now-6h`, `now/d`, epoch ms, ISO 8601. Parsed by lib/time. */
export const timeExpressionSchema = z.string().min(1).max(64);

export const timeRangeSchema = z.strictObject({ from: timeExpressionSchema, to: timeExpressionSchema });
