/**
 * Decimal-mode (D = 1) ADC / SBC / ARR. These run rarely (score updates), so they live outside the hot
 * switch and return every result packed into one integer:
 *   bits 0–7  A          bits 8–15  N source (N = bit 15)   bits 16–23 Z source (Z = all zero)
 *   bit  24   C          bit  25    V
 *
 * Two models:
 * - 'ale': what ALE's Stella 2.x-era core does (M6502.m4). It converts both operands to binary with a
 *   BCD→binary table (nibbles A–F count as 10–15), adds or subtracts, and converts back with a
 *   binary→BCD table. N and Z come from the decimal result, V from the result's and operands' sign bits,
 *   SBC's C from a binary compare. For sums/differences outside the tables' range the original indexes
 *   past the end of (or before) its second table row; `table` below is both rows back to back so the same
 *   indexes land on the same bytes.
 * - 'nmos': the real NMOS 6502 (Bruce Clark, "Decimal Mode", 6502.org, appendix A): C from the decimal
 *   result, Z from the binary result, N and V from the intermediate after the low-nibble fix-up (ADC); for
 *   SBC all flags are the binary subtraction's.
 * For valid BCD operands both give the same A and C.
 */

export type DecimalModel = 'ale' | 'nmos';

/** [0..255]: BCD byte → binary value; [256..511]: binary value → BCD byte (mod 100). */
const table = new Uint8Array(512);
for (let t = 0; t < 256; t++) {
  table[t] = (t >> 4) * 10 + (t & 0x0f);
  table[256 + t] = (((t % 100) / 10) << 4) | (t % 10);
}

function pack(a: number, n: number, z: number, c: number, v: number): number {
  return (a & 0xff) | ((n & 0xff) << 8) | ((z & 0xff) << 16) | ((c & 1) << 24) | ((v & 1) << 25);
}

export function aleAdc(a: number, b: number, c: number): number {
  const sum = table[a] + table[b] + c;
  const r = table[256 + (sum & 0xff)];
  const v = (a ^ r) & 0x80 && (r ^ b) & 0x80 ? 1 : 0;
  return pack(r, r, r, sum > 99 ? 1 : 0, v);
}

export function aleSbc(a: number, b: number, c: number): number {
  let diff = table[a] - table[b] - (c ^ 1);
  if (diff < 0) diff += 100;
  // diff is in −66..165 here; a negative index reads the end of the BCD→binary row, as the original does.
  const r = table[256 + diff];
  const v = (a ^ r) & 0x80 && (r ^ b) & 0x80 ? 1 : 0;
  return pack(r, r, r, a >= b + (c ^ 1) ? 1 : 0, v);
}

/** ARR with D set, ALE's model: AND, rotate right through C, then per-nibble decimal fix-ups. */
export function aleArr(a: number, b: number, c: number): number {
  const value = a & b;
  let r = (value >> 1) | (c << 7);
  const n = c << 7;
  const z = r;
  const v = ((value ^ r) >> 6) & 1;
  if ((value & 0x0f) + (value & 0x01) > 0x05) r = (r & 0xf0) | ((r + 0x06) & 0x0f);
  let carry = 0;
  if ((value & 0xf0) + (value & 0x10) > 0x50) {
    r = (r + 0x60) & 0xff;
    carry = 1;
  }
  return pack(r, n, z, carry, v);
}

export function nmosAdc(a: number, b: number, c: number): number {
  let lo = (a & 0x0f) + (b & 0x0f) + c;
  if (lo >= 0x0a) lo = ((lo + 0x06) & 0x0f) + 0x10;
  let sum = (a & 0xf0) + (b & 0xf0) + lo;
  // N and V are taken here, after the low fix-up and before the high one.
  const n = sum;
  const v = (~(a ^ b) & (a ^ sum) & 0x80) >> 7;
  if (sum >= 0xa0) sum += 0x60;
  return pack(sum, n, (a + b + c) & 0xff, sum >= 0x100 ? 1 : 0, v);
}

export function nmosSbc(a: number, b: number, c: number): number {
  const bin = a - b - (c ^ 1);
  const v = ((a ^ b) & (a ^ bin) & 0x80) >> 7;
  let lo = (a & 0x0f) - (b & 0x0f) + c - 1;
  if (lo < 0) lo = ((lo - 0x06) & 0x0f) - 0x10;
  let r = (a & 0xf0) - (b & 0xf0) + lo;
  if (r < 0) r -= 0x60;
  return pack(r, bin, bin, bin >= 0 ? 1 : 0, v);
}

/**
 * ARR with D set on an NMOS part (64doc): N = old C, Z from the rotated value, V = bit 6 changed, then the
 * same nibble fix-ups; the ALE model above is that algorithm, so 'nmos' shares it.
 */
export const nmosArr = aleArr;
