// Deterministic randomness for the sandbox: string hashing, per-row hashes with random access (row i of a
// data set is computed without generating rows 0..i-1) and a small sequential generator. Never Math.random.

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised; `salt` gives independent hashes of the same text. */
export function hashString(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** The hash of row `index` in the data set seeded by `seed`; `lane` picks an independent value of that row. */
export function rowHash(seed: number, index: number, lane = 0): number {
  return mix32((seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(lane + 1, 0x7feb352d)) >>> 0);
}

/** mulberry32: a tiny sequential generator for decisions taken in request order (fail rate, request ids). */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uint32. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Lower-case hex of `length` characters. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }
}

/** Deterministic lower-case hex of `length` characters derived from a row hash (ids such as redPackId). */
export function hashHex(seed: number, index: number, length: number): string {
  let out = '';
  for (let lane = 0; out.length < length; lane++) out += rowHash(seed, index, 100 + lane).toString(16).padStart(8, '0');
  return out.slice(0, length);
}
