// A seeded PRNG for synthetic data. Demo output must be byte-identical for the same seed,
// so nothing here may touch Math.random, Date.now or crypto.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  hex(length: number): string;
  chars(length: number, alphabet: string): string;
  /** A UUID v4 string whose bits come from this stream. */
  uuid(): string;
}

/** mulberry32: tiny and fast, with a period (2^32) far beyond the few hundred thousand draws per history. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const chars = (length: number, alphabet: string): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += Math.max(0, w);
      if (total <= 0) throw new Error('weighted pick with no positive weight');
      let r = next() * total;
      for (const [item, w] of items) {
        r -= Math.max(0, w);
        if (r < 0) return item;
      }
      return items[items.length - 1][0];
    },
    hex: (length) => chars(length, '0123456789abcdef'),
    chars,
    uuid: () => {
      const b: number[] = [];
      for (let i = 0; i < 16; i++) b.push(Math.floor(next() * 256));
      b[6] = (b[6] & 0x0f) | 0x40; // version 4
      b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
      const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

/** FNV-1a: turns a stable name into a seed, so per-entity values don't shift when the main stream does. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stream private to one name under one seed (access keys, principal ids, host prefixes). */
export function derivedRng(seed: number, name: string): Rng {
  return createRng((hashString(name) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
