import * as z from "zod/mini";

const createdSchema = z.object({ id: z.string(), url: z.string(), path: z.string() });
const errorSchema = z.object({ error: z.object({ message: z.string() }) });

/** POST /api/short-links: the short path (`/s/<id>`) for a dashboard path, or an Error with the server's message. */
export async function createShortLink(path: string, signal?: AbortSignal): Promise<string> {
  let res: Response;
  try {
    res = await fetch("/api/short-links", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ path }), signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new Error("Cannot reach the Orrery server to shorten the link.", { cause: err });
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(errorSchema.safeParse(json).data?.error.message ?? `Shortening the link failed (HTTP ${res.status}).`);
  const parsed = createdSchema.safeParse(json);
  if (!parsed.success) throw new Error("Unexpected answer from the server while shortening the link.");
  return parsed.data.url;
}
