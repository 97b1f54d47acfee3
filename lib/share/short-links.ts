import "server-only";
import { randomInt } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { getAuthContext } from "@/lib/auth/context";
import { JsonFileStore } from "@/lib/auth/json-file";
import { checkShortLinkPath, SHORT_LINK_ID_PATTERN } from "./short-link-path";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 12 base62 characters ≈ 71 bits from the CSPRNG. */
export const SHORT_LINK_ID_LENGTH = 12;

export const shortLinkSchema = z.strictObject({
  id: z.string().regex(SHORT_LINK_ID_PATTERN),
  /** Path and query, checked by `checkShortLinkPath` when stored and again when followed. */
  path: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ShortLink = z.infer<typeof shortLinkSchema>;

/** Where short links live; the file store below, or a database (the interface is all routes use). */
export interface ShortLinkStore {
  /** Stores `path` (already checked) and returns its link; the same path gives the same link back. */
  create(input: { path: string; createdBy: string }, now?: Date): Promise<ShortLink>;
  /** The link with this id, or null. Links never expire. */
  get(id: string): Promise<ShortLink | null>;
}

/** A fresh id: base62 characters picked uniformly (randomInt rejects modulo bias). */
export function newShortLinkId(length = SHORT_LINK_ID_LENGTH): string {
  let id = "";
  for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

const fileSchema = z.strictObject({ version: z.literal(1), links: z.array(shortLinkSchema) });

/** Short links in `<dir>/short-links.json` (atomic writes, updates serialised per process). */
export class FileShortLinkStore implements ShortLinkStore {
  private readonly store: JsonFileStore<z.infer<typeof fileSchema>>;

  constructor(dir: string) {
    this.store = new JsonFileStore(path.join(dir, "short-links.json"), fileSchema, () => ({ version: 1, links: [] }));
  }

  async create(input: { path: string; createdBy: string }, now = new Date()): Promise<ShortLink> {
    const checked = checkShortLinkPath(input.path);
    if (!checked.ok) throw new Error(`refusing to store a short link: ${checked.error}`);
    return this.store.update((doc) => {
      const existing = doc.links.find((l) => l.path === checked.path);
      if (existing) return { result: existing, write: false };
      const taken = new Set(doc.links.map((l) => l.id));
      let id = newShortLinkId();
      while (taken.has(id)) id = newShortLinkId();
      const link: ShortLink = { id, path: checked.path, createdBy: input.createdBy, createdAt: now.toISOString() };
      doc.links.push(link);
      return { result: link };
    });
  }

  async get(id: string): Promise<ShortLink | null> {
    if (!SHORT_LINK_ID_PATTERN.test(id)) return null;
    return (await this.store.read()).links.find((l) => l.id === id) ?? null;
  }
}

let cached: { dir: string; store: ShortLinkStore } | undefined;

/** The process's short-link store, next to the other auth state (`<data>/.auth/short-links.json`). */
export function getShortLinkStore(): ShortLinkStore {
  const { dir } = getAuthContext().settings;
  if (cached?.dir !== dir) cached = { dir, store: new FileShortLinkStore(dir) };
  return cached.store;
}
