/**
 * Constant tables for the TIA as ALE's Stella core models it (../shared/docs/ale-facts.md §4).
 *
 * Object masks are stored "doubled": each 160-pixel pattern is written twice (320 entries), so the mask
 * of an object at position `pos` is read at `tableOffset + (160 - pos) + hpos` without a modulo.
 */

/** Object bits used for the per-pixel "which objects are on here" value. */
export const PF_BIT = 0x01;
export const BL_BIT = 0x02;
export const P1_BIT = 0x04;
export const M1_BIT = 0x08;
export const P0_BIT = 0x10;
export const M0_BIT = 0x20;
/** CTRLPF bits 1 (score) and 2 (priority), shifted above the object bits. */
export const SCORE_BIT = 0x40;
export const PRIORITY_BIT = 0x80;

/** Colour register indices produced by the priority encoder. */
export const COLOUR_BK = 0;
export const COLOUR_PF = 1;
export const COLOUR_P0 = 2;
export const COLOUR_P1 = 3;

const SPAN = 320;

/** Copy offsets of the NUSIZ number field (bits 0–2); modes 5 and 7 are one wide copy. */
const COPIES: readonly (readonly number[])[] = [[0], [0, 16], [0, 32], [0, 16, 32], [0, 64], [0], [0, 32, 64], [0]];

function doubled(pattern: (x: number) => number, into: Uint8Array, base: number): void {
  for (let x = 0; x < 160; x++) {
    const v = pattern(x);
    into[base + x] = v;
    into[base + x + 160] = v;
  }
}

/**
 * Player masks: index ((skipFirst * 8 + mode) * 320). Each entry is the GRP bit shown at that pixel.
 * `skipFirst` hides the copy at the reset position (a RESPx shows only the later copies until the line
 * ends). Double- and quad-width players start one pixel late.
 */
export const PLAYER_MASKS = (() => {
  const t = new Uint8Array(2 * 8 * SPAN);
  for (let skip = 0; skip < 2; skip++) {
    for (let mode = 0; mode < 8; mode++) {
      const pattern = (x: number): number => {
        if (mode === 5) return skip === 0 && x > 0 && x <= 16 ? 0x80 >> ((x - 1) >> 1) : 0;
        if (mode === 7) return skip === 0 && x > 0 && x <= 32 ? 0x80 >> ((x - 1) >> 2) : 0;
        for (const c of COPIES[mode]) {
          if (c === 0 && skip === 1) continue;
          if (x >= c && x < c + 8) return 0x80 >> (x - c);
        }
        return 0;
      };
      doubled(pattern, t, (skip * 8 + mode) * SPAN);
    }
  }
  return t;
})();

export function playerMaskOffset(skipFirst: number, nusiz: number, pos: number): number {
  return (skipFirst * 8 + (nusiz & 7)) * SPAN + 160 - pos;
}

/**
 * Missile masks: index ((number * 4 + size) * 320); one extra all-zero block at the end stands for a
 * missile hidden for a line (the "Cosmic Ark" motion quirk).
 */
export const MISSILE_MASKS = (() => {
  const t = new Uint8Array((8 * 4 + 1) * SPAN);
  for (let number = 0; number < 8; number++) {
    for (let size = 0; size < 4; size++) {
      const width = 1 << size;
      const pattern = (x: number): number => (COPIES[number].some((c) => x >= c && x < c + width) ? 1 : 0);
      doubled(pattern, t, (number * 4 + size) * SPAN);
    }
  }
  return t;
})();

export const HIDDEN_MISSILE_OFFSET = 8 * 4 * SPAN;

export function missileMaskOffset(nusiz: number, size: number, pos: number): number {
  return ((nusiz & 7) * 4 + size) * SPAN + 160 - pos;
}

/** Ball masks: index (size * 320). */
export const BALL_MASKS = (() => {
  const t = new Uint8Array(4 * SPAN);
  for (let size = 0; size < 4; size++) doubled((x) => (x < 1 << size ? 1 : 0), t, size * SPAN);
  return t;
})();

export function ballMaskOffset(ctrlpf: number, pos: number): number {
  return ((ctrlpf & 0x30) >> 4) * SPAN + 160 - pos;
}

/**
 * Playfield masks, [reflect * 160 + hpos] → the bit of the 20-bit PF value shown there. The PF value
 * holds PF0 bits 4–7 in bits 0–3, PF1 in bits 4–11 and PF2 in bits 12–19.
 */
export const PLAYFIELD_MASKS = (() => {
  const t = new Uint32Array(2 * 160);
  // Which PF value bit the k-th 4-pixel block of the left half shows (PF0 4→7, PF1 7→0, PF2 0→7).
  const leftBit = (k: number): number => (k < 4 ? k : k < 12 ? 15 - k : k);
  for (let x = 0; x < 160; x++) {
    const k = x >> 2;
    t[x] = 1 << leftBit(k % 20);
    t[160 + x] = 1 << (x < 80 ? leftBit(k) : leftBit(39 - k));
  }
  return t;
})();

/** GRP bit order reversed (REFPx). */
export const REFLECT = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let r = 0;
    for (let b = 0; b < 8; b++) if (i & (1 << b)) r |= 0x80 >> b;
    t[i] = r;
  }
  return t;
})();

/**
 * Collision latch bits set by each combination of object bits. Latch layout: bit 15−2k / 14−2k are the
 * D7 / D6 bits of collision register k (CXM0P … CXPPMM), so a read is two bit tests.
 */
export const COLLISIONS = (() => {
  const t = new Uint32Array(64);
  // [D7 pair, D6 pair] per collision register.
  const pairs: readonly (readonly [number, number])[] = [
    [M0_BIT | P1_BIT, M0_BIT | P0_BIT],
    [M1_BIT | P0_BIT, M1_BIT | P1_BIT],
    [P0_BIT | PF_BIT, P0_BIT | BL_BIT],
    [P1_BIT | PF_BIT, P1_BIT | BL_BIT],
    [M0_BIT | PF_BIT, M0_BIT | BL_BIT],
    [M1_BIT | PF_BIT, M1_BIT | BL_BIT],
    [BL_BIT | PF_BIT, 0],
    [P0_BIT | P1_BIT, M0_BIT | M1_BIT],
  ];
  for (let e = 0; e < 64; e++) {
    let v = 0;
    pairs.forEach(([d7, d6], reg) => {
      if ((e & d7) === d7) v |= 0x80 << (reg * 2);
      if (d6 !== 0 && (e & d6) === d6) v |= 0x40 << (reg * 2);
    });
    t[e] = v;
  }
  return t;
})();

/** Collision register read: D7/D6 from the latch word. */
export function collisionBits(latch: number, register: number): number {
  return (latch >> (register * 2)) & 0xc0;
}

/**
 * Priority encoder: [half * 256 + (object bits | SCORE_BIT | PRIORITY_BIT)] → colour register index.
 * Normal order (low → high): BL, PF, P1/M1, P0/M0; in score mode the playfield takes the player colour
 * of its half, and on the left half it then also wins over P1 (Stella's encoder does this).
 * With priority: P1/M1, P0/M0, BL, PF, and the score bit is ignored.
 */
export const PRIORITY = (() => {
  const t = new Uint8Array(512);
  for (let half = 0; half < 2; half++) {
    for (let v = 0; v < 256; v++) {
      let c = COLOUR_BK;
      if (v & PRIORITY_BIT) {
        if (v & (P1_BIT | M1_BIT)) c = COLOUR_P1;
        if (v & (P0_BIT | M0_BIT)) c = COLOUR_P0;
        if (v & (BL_BIT | PF_BIT)) c = COLOUR_PF;
      } else {
        if (v & BL_BIT) c = COLOUR_PF;
        if (v & PF_BIT) c = v & SCORE_BIT ? (half === 0 ? COLOUR_P0 : COLOUR_P1) : COLOUR_PF;
        if (v & (P1_BIT | M1_BIT)) c = c !== COLOUR_P0 ? COLOUR_P1 : COLOUR_P0;
        if (v & (P0_BIT | M0_BIT)) c = COLOUR_P0;
      }
      t[half * 256 + v] = c;
    }
  }
  return t;
})();

/** Colour clocks a write waits before taking effect; −1 marks PF0–PF2 (see PF_DELAYS). */
export const WRITE_DELAYS = (() => {
  const t = new Int8Array(64);
  for (const a of [0x01, 0x0b, 0x0c, 0x1b, 0x1c]) t[a] = 1;
  for (const a of [0x04, 0x05, 0x12, 0x13]) t[a] = 8;
  for (const a of [0x0d, 0x0e, 0x0f]) t[a] = -1;
  return t;
})();

/** PF write delay picked by ((colour clock in line) / 3) mod 4. */
export const PF_DELAYS = Int8Array.of(4, 5, 2, 3);

/**
 * HMOVE motion by CPU cycle in line (0–75) and HMxx nibble (0–15). Early in the line (cycles 0–20) the
 * motion is clamped from below by a per-cycle floor; late HMOVEs (55–74) move objects further left by
 * a per-cycle extra, never right; 21–54 do nothing; 75 is a normal HMOVE.
 */
export const MOTION = (() => {
  const floors = [-7, -7, -7, -7, -6, -5, -5, -4, -3, -2, -2, -1, 0, 1, 1, 2, 3, 4, 4, 5, 6];
  const extras = [-6, -5, -4, -4, -3, -2, -1, -1, 0, 1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 8];
  const t = new Int8Array(76 * 16);
  for (let cycle = 0; cycle < 76; cycle++) {
    for (let hm = 0; hm < 16; hm++) {
      const normal = hm < 8 ? -hm : 16 - hm;
      let m = 0;
      if (cycle <= 20) m = Math.max(normal, floors[cycle]);
      else if (cycle >= 55 && cycle <= 74) m = Math.min(0, normal - extras[cycle - 55]);
      else if (cycle === 75) m = normal;
      t[cycle * 16 + hm] = m;
    }
  }
  return t;
})();

/** HMOVE at these CPU cycles in the line blanks the next 8 pixels drawn at the left edge. */
export function hmoveBlankCycle(cycle: number): boolean {
  return cycle <= 20 || cycle === 75;
}

/**
 * Where a RESPx lands relative to the old copies: 1 inside a drawn copy, −1 in the 4 clocks before a
 * copy starts, 0 elsewhere (`delta` = new position − old position, mod 160).
 */
export function resetPlayerWhen(nusiz: number, delta: number): number {
  const mode = nusiz & 7;
  const width = mode === 5 ? 16 : mode === 7 ? 32 : 8;
  for (const c of COPIES[mode]) {
    if (delta >= c && delta < c + 4) return -1;
    if (delta >= c + 4 && delta < c + 4 + width) return 1;
  }
  return 0;
}
