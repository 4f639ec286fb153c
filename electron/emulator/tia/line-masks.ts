/**
 * Each object's pixels on the current line as a 160-bit mask (five 32-bit words, pixel x at bit x & 31
 * of word x >> 5), so a span's collisions are a few word ANDs and its objects are drawn as bit runs.
 *
 * The masks are derived from the per-pixel tables of tables.ts (so they agree with them by
 * construction) and cached per object on the state they depend on: they only change when an object
 * moves, changes size or graphics, or the playfield is written, far less often than spans are drawn.
 */
import type { TiaObjects } from './objects';
import * as tables from './tables';

const { PF_BIT, BL_BIT, P0_BIT, P1_BIT, M0_BIT, M1_BIT } = tables;
const COLLISIONS = tables.COLLISIONS;
const REFLECT = tables.REFLECT;
const SPAN = 320;

/** Word offsets of each object's mask in `LineMasks.words`, by object bit order (PF, BL, P1, M1, P0, M0). */
export const PF_WORDS = 0;
export const BL_WORDS = 5;
export const P1_WORDS = 10;
export const M1_WORDS = 15;
export const P0_WORDS = 20;
export const M0_WORDS = 25;

/** The 160-pixel patterns of a mask table's blocks at position 0, five words per block. */
function blockPatterns(table: Uint8Array, values: number): Int32Array {
  const blocks = table.length / SPAN;
  const out = new Int32Array(blocks * values * 5);
  for (let block = 0; block < blocks; block++) {
    for (let v = 0; v < values; v++) {
      const base = (block * values + v) * 5;
      for (let x = 0; x < 160; x++) {
        // Players: a pixel is on where the GRP value has the bit the mask shows; others: any mask bit.
        const on = values === 1 ? table[block * SPAN + x] !== 0 : (table[block * SPAN + x] & v) !== 0;
        if (on) out[base + (x >> 5)] |= 1 << (x & 31);
      }
    }
  }
  return out;
}

const PLAYER_PATTERNS = blockPatterns(tables.PLAYER_MASKS, 256);
const MISSILE_PATTERNS = blockPatterns(tables.MISSILE_MASKS, 1);
const BALL_PATTERNS = blockPatterns(tables.BALL_MASKS, 1);

/** Each bit of a byte repeated four times (a byte of playfield blocks → 32 pixels). */
const EXPAND4 = (() => {
  const t = new Int32Array(256);
  for (let v = 0; v < 256; v++) {
    let w = 0;
    for (let b = 0; b < 8; b++) if (v & (1 << b)) w |= 0xf << (b * 4);
    t[v] = w;
  }
  return t;
})();

export class LineMasks {
  /** The six exact masks, at PF_WORDS … M0_WORDS. A disabled object's mask is all zero. */
  readonly words = new Int32Array(30);
  /**
   * Where each enabled object can draw at all (players as if GRP were $FF, the playfield everywhere),
   * so the latches it allows survive GRP and PF writes, which come far more often than moves.
   */
  private readonly reach = new Int32Array(30);
  private reachLatches = 0;
  // Keys: the state each mask was built for (mask offset + 1, players × 256 + GRP; 0: object off).
  private readonly keys = new Int32Array(6);
  private readonly reachKeys = new Int32Array(6);

  /** The collision latches the objects' current geometry can set anywhere on the line. */
  reachablePairs(o: TiaObjects): number {
    const e = o.enabled;
    const k = this.reachKeys;
    const pf = e & PF_BIT;
    const bl = e & BL_BIT ? o.blOff + 1 : 0;
    const p1 = e & P1_BIT ? o.p1Off + 1 : 0;
    const m1 = e & M1_BIT ? o.m1Off + 1 : 0;
    const p0 = e & P0_BIT ? o.p0Off + 1 : 0;
    const m0 = e & M0_BIT ? o.m0Off + 1 : 0;
    if (pf === k[0] && bl === k[1] && p1 === k[2] && m1 === k[3] && p0 === k[4] && m0 === k[5]) {
      return this.reachLatches;
    }
    const r = this.reach;
    if (pf !== k[0]) r.fill(pf ? -1 : 0, PF_WORDS, PF_WORDS + 5);
    if (bl !== k[1]) objectMask(r, BL_WORDS, BALL_PATTERNS, bl, 1, 0);
    if (p1 !== k[2]) objectMask(r, P1_WORDS, PLAYER_PATTERNS, p1, 256, 0xff);
    if (m1 !== k[3]) objectMask(r, M1_WORDS, MISSILE_PATTERNS, m1, 1, 0);
    if (p0 !== k[4]) objectMask(r, P0_WORDS, PLAYER_PATTERNS, p0, 256, 0xff);
    if (m0 !== k[5]) objectMask(r, M0_WORDS, MISSILE_PATTERNS, m0, 1, 0);
    k[0] = pf;
    k[1] = bl;
    k[2] = p1;
    k[3] = m1;
    k[4] = p0;
    k[5] = m0;
    this.reachLatches = maskCollisions(r, 0, 160);
    return this.reachLatches;
  }

  /** Brings every exact mask up to date with the objects' current state. */
  update(o: TiaObjects): void {
    const e = o.enabled;
    const w = this.words;
    const k = this.keys;
    const pf = e & PF_BIT ? o.pf | (o.pfOff << 20) : 0;
    if (pf !== k[0]) {
      k[0] = pf;
      playfieldMask(w, o.pf, o.pfOff !== 0);
    }
    const bl = e & BL_BIT ? o.blOff + 1 : 0;
    if (bl !== k[1]) {
      k[1] = bl;
      objectMask(w, BL_WORDS, BALL_PATTERNS, bl, 1, 0);
    }
    const p1 = e & P1_BIT ? (o.p1Off + 1) * 256 + o.curGrp1 : 0;
    if (p1 !== k[2]) {
      k[2] = p1;
      objectMask(w, P1_WORDS, PLAYER_PATTERNS, p1 === 0 ? 0 : o.p1Off + 1, 256, o.curGrp1);
    }
    const m1 = e & M1_BIT ? o.m1Off + 1 : 0;
    if (m1 !== k[3]) {
      k[3] = m1;
      objectMask(w, M1_WORDS, MISSILE_PATTERNS, m1, 1, 0);
    }
    const p0 = e & P0_BIT ? (o.p0Off + 1) * 256 + o.curGrp0 : 0;
    if (p0 !== k[4]) {
      k[4] = p0;
      objectMask(w, P0_WORDS, PLAYER_PATTERNS, p0 === 0 ? 0 : o.p0Off + 1, 256, o.curGrp0);
    }
    const m0 = e & M0_BIT ? o.m0Off + 1 : 0;
    if (m0 !== k[5]) {
      k[5] = m0;
      objectMask(w, M0_WORDS, MISSILE_PATTERNS, m0, 1, 0);
    }
  }
}

/** The bits of word `j` inside pixels [from, to). */
export function spanBits(j: number, from: number, to: number): number {
  let bits = from > j << 5 ? -1 << (from & 31) : -1;
  if (to < (j + 1) << 5) bits &= (1 << (to & 31)) - 1;
  return bits;
}

/**
 * The mask of an object whose table offset is `key − 1` (block * 320 + 160 − position), or all zero
 * when `key` is 0: its block's pattern rotated right by the position (pattern pixel k shows at k + pos).
 */
function objectMask(w: Int32Array, at: number, patterns: Int32Array, key: number, values: number, v: number): void {
  if (key === 0) {
    w[at] = w[at + 1] = w[at + 2] = w[at + 3] = w[at + 4] = 0;
    return;
  }
  const off = key - 1;
  const block = ((off - 1) / SPAN) | 0;
  const pos = 160 - (off - block * SPAN);
  const src = (block * values + v) * 5;
  for (let j = 0; j < 5; j++) {
    // Output word j holds pattern pixels from (32j − pos) mod 160 on.
    let s = 32 * j - pos;
    if (s < 0) s += 160;
    const q = s >> 5;
    const r = s & 31;
    const lo = patterns[src + q];
    w[at + j] = r === 0 ? lo : (lo >>> r) | (patterns[src + (q === 4 ? 0 : q + 1)] << (32 - r));
  }
}

/**
 * The playfield mask: 40 blocks of 4 pixels. The left half shows PF0 bits 4→7, PF1 7→0, PF2 0→7;
 * the right half repeats that order, or reverses it when reflected.
 */
function playfieldMask(w: Int32Array, pf: number, reflect: boolean): void {
  // Block order of the left half (pf holds PF0 bits 4–7 in 0–3, PF1 in 4–11, PF2 in 12–19).
  const left = (pf & 0x0000f) | (REFLECT[(pf >> 4) & 0xff] << 4) | (pf & 0xff000);
  const right = reflect
    ? (REFLECT[left & 0xff] << 12) | (REFLECT[(left >> 8) & 0xff] << 4) | (REFLECT[(left >> 16) & 0x0f] >> 4)
    : left;
  w[PF_WORDS] = EXPAND4[left & 0xff];
  w[PF_WORDS + 1] = EXPAND4[(left >> 8) & 0xff];
  w[PF_WORDS + 2] = EXPAND4[((left >> 16) & 0x0f) | ((right & 0x0f) << 4)];
  w[PF_WORDS + 3] = EXPAND4[(right >> 4) & 0xff];
  w[PF_WORDS + 4] = EXPAND4[(right >> 12) & 0xff];
}

// The latch bit of each pair of objects.
const M0P1 = COLLISIONS[M0_BIT | P1_BIT];
const M0P0 = COLLISIONS[M0_BIT | P0_BIT];
const M0PF = COLLISIONS[M0_BIT | PF_BIT];
const M0BL = COLLISIONS[M0_BIT | BL_BIT];
const M0M1 = COLLISIONS[M0_BIT | M1_BIT];
const M1P0 = COLLISIONS[M1_BIT | P0_BIT];
const M1P1 = COLLISIONS[M1_BIT | P1_BIT];
const M1PF = COLLISIONS[M1_BIT | PF_BIT];
const M1BL = COLLISIONS[M1_BIT | BL_BIT];
const P0PF = COLLISIONS[P0_BIT | PF_BIT];
const P0BL = COLLISIONS[P0_BIT | BL_BIT];
const P0P1 = COLLISIONS[P0_BIT | P1_BIT];
const P1PF = COLLISIONS[P1_BIT | PF_BIT];
const P1BL = COLLISIONS[P1_BIT | BL_BIT];
const BLPF = COLLISIONS[BL_BIT | PF_BIT];

/** The latches set by pixels [from, to): every pair of object masks that overlaps there. */
export function maskCollisions(w: Int32Array, from: number, to: number): number {
  let c = 0;
  const last = (to - 1) >> 5;
  for (let j = from >> 5; j <= last; j++) {
    const bits = spanBits(j, from, to);
    const p0 = w[P0_WORDS + j] & bits;
    const p1 = w[P1_WORDS + j] & bits;
    const m0 = w[M0_WORDS + j] & bits;
    const m1 = w[M1_WORDS + j] & bits;
    const bl = w[BL_WORDS + j] & bits;
    if ((p0 | p1 | m0 | m1 | bl) === 0) continue;
    const pf = w[PF_WORDS + j] & bits;
    if (m0 !== 0) {
      if (m0 & p1) c |= M0P1;
      if (m0 & p0) c |= M0P0;
      if (m0 & pf) c |= M0PF;
      if (m0 & bl) c |= M0BL;
      if (m0 & m1) c |= M0M1;
    }
    if (m1 !== 0) {
      if (m1 & p0) c |= M1P0;
      if (m1 & p1) c |= M1P1;
      if (m1 & pf) c |= M1PF;
      if (m1 & bl) c |= M1BL;
    }
    if (p0 !== 0) {
      if (p0 & pf) c |= P0PF;
      if (p0 & bl) c |= P0BL;
      if (p0 & p1) c |= P0P1;
    }
    if (p1 !== 0) {
      if (p1 & pf) c |= P1PF;
      if (p1 & bl) c |= P1BL;
    }
    if (bl & pf) c |= BLPF;
  }
  return c;
}
