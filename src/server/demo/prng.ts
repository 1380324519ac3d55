/**
 * Deterministic randomness for the demo generator.
 *
 * Two tools, both derived from the demo seed:
 * - `mulberry32` streams for sequences of decisions (one stream per concern, so that adding a
 *   decision in one place does not shift every later value in another);
 * - keyed hashing (`KeyedRandom`) for values that must stay the same whatever else changes,
 *   e.g. the uuid of pupil 17 or of the attendance (lesson X, pupil Y). Because ids are keyed,
 *   moving `today` forward adds records but never renames existing ones.
 */

/** A function returning uniformly distributed numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG; good enough for demo data, not for cryptography. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** cyrb128: 128-bit non-cryptographic string hash, mixed with a 32-bit seed. */
function cyrb128(key: string, seed: number): [number, number, number, number] {
  let h1 = 1779033703 ^ seed;
  let h2 = 3144134277 ^ seed;
  let h3 = 1013904242 ^ seed;
  let h4 = 2773480762 ^ seed;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string =>
  BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 0xff] + BYTE_HEX[(n >>> 8) & 0xff] + BYTE_HEX[n & 0xff];

/** Seeded, keyed randomness: the same (seed, key) always gives the same value. */
export class KeyedRandom {
  constructor(private readonly seed: number) {}

  /** A v4-looking uuid (version nibble 4, RFC 4122 variant) derived from the key. */
  uuid(key: string): string {
    const [a, b, c, d] = cyrb128(key, this.seed);
    const withVersion = (b & 0xffff0fff) | 0x00004000;
    const withVariant = ((c & 0x3fffffff) | 0x80000000) >>> 0;
    const bh = hex8(withVersion >>> 0);
    const ch = hex8(withVariant);
    return `${hex8(a)}-${bh.slice(0, 4)}-${bh.slice(4)}-${ch.slice(0, 4)}-${ch.slice(4)}${hex8(d)}`;
  }

  /** A 32-bit integer derived from the key, e.g. to seed a `mulberry32` stream. */
  int(key: string): number {
    return cyrb128(key, this.seed)[0];
  }

  /** A number in [0, 1) derived from the key. */
  unit(key: string): number {
    return this.int(key) / 4294967296;
  }

  /** An independent PRNG stream for one concern. */
  stream(key: string): Rng {
    return mulberry32(this.int(key));
  }
}

/** Integer in [min, max] (both inclusive). */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty array. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from empty array');
  return items[Math.floor(rng() * items.length)];
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Standard normal deviate (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: avoids log(0)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
