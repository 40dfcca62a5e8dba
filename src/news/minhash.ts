/** Weighted MinHash signatures and LSH bands. Pure. */
import type { FeatureSet } from './story-features.js';

/** FNV-1a, 32 bits. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit finaliser (murmur3 fmix32): spreads nearby inputs far apart. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Shape of the signature: `bands` × `rows` hash functions. */
export interface LshShape {
  /** Number of bands; two items become candidates when any band is equal. */
  bands: number;
  /** Hash functions per band; fewer rows find less similar pairs. */
  rows: number;
}

/** 16 bands of 2 rows: a pair with (weighted) Jaccard 0.3 is a candidate ~78% of the time, 0.5 ~99%. */
export const defaultLshShape: LshShape = { bands: 16, rows: 2 };

/**
 * MinHash of a weighted set: a feature of integer weight w takes part as w distinct copies, so the
 * chance two signatures agree on one hash equals the weighted Jaccard similarity of the sets.
 */
export function minhashSignature(features: FeatureSet, size: number): Uint32Array {
  const sig = new Uint32Array(size).fill(0xffffffff);
  for (const [feature, weight] of features) {
    const copies = Math.max(1, Math.round(weight));
    for (let c = 0; c < copies; c++) {
      const base = hash32(c === 0 ? feature : `${feature}#${c}`);
      for (let i = 0; i < size; i++) {
        const h = mix32(base ^ Math.imul(i + 1, 0x9e3779b1));
        if (h < sig[i]!) sig[i] = h;
      }
    }
  }
  return sig;
}

/** One string per band (`<band>-<hash>`), equal for two signatures that agree on that band's rows. */
export function lshBands(features: FeatureSet, shape: LshShape = defaultLshShape): string[] {
  const sig = minhashSignature(features, shape.bands * shape.rows);
  const out: string[] = [];
  for (let b = 0; b < shape.bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < shape.rows; r++) h = mix32(h ^ sig[b * shape.rows + r]!);
    out.push(`${b}-${h.toString(36)}`);
  }
  return out;
}
