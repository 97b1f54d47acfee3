/** Stable pod names per revision, shaped like a Deployment's: `<rev>-deployment-<rs hash>-<suffix>`. */
import { hashString } from "./random";

// Kubernetes' name suffix alphabet (no vowels, no ambiguous characters).
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

function suffix(h: number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out += ALPHABET[h % ALPHABET.length];
    h = Math.floor(h / ALPHABET.length) ^ Math.imul(h, 31);
    h >>>= 0;
  }
  return out;
}

export function podNamePool(namespace: string, revision: string, size: number): string[] {
  const rs = suffix(hashString(`${namespace}/${revision}/rs`), 10);
  return Array.from({ length: size }, (_, i) => `${revision}-deployment-${rs}-${suffix(hashString(`${namespace}/${revision}/${i}`), 5)}`);
}

/** The activator pod that serves every revision in the simulation. */
export const ACTIVATOR_POD = "activator-6c8b9f6d45-q7xvz";
