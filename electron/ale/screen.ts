/** Screen conversions: ALE palette-index bytes -> RGB (getScreenRGB) or grayscale (getScreenGrayscale). */
import { PALETTE_GRAY, PALETTE_RGB } from './palette';

export function toRgb(screen: Uint8Array, out = new Uint8Array(screen.length * 3)): Uint8Array {
  if (out.length !== screen.length * 3) throw new RangeError(`RGB buffer needs ${screen.length * 3} bytes`);
  for (let i = 0, j = 0; i < screen.length; i++, j += 3) {
    const k = screen[i] * 3;
    out[j] = PALETTE_RGB[k];
    out[j + 1] = PALETTE_RGB[k + 1];
    out[j + 2] = PALETTE_RGB[k + 2];
  }
  return out;
}

/** Little-endian hosts (all the studio targets): the quad path below reads pixel 0 from the low byte. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/**
 * Grey of a palette index, pre-shifted to byte 0, 1, 2 or 3 of a 32-bit word (four 256-entry tables).
 * Signed words throughout: V8 keeps int32 values in registers, while uint32 values of 2^31 and more
 * (any grey >= 128 in the top byte) would fall off its integer path.
 */
const [GRAY0, GRAY1, GRAY2, GRAY3] = [0, 8, 16, 24].map((shift) => Int32Array.from(PALETTE_GRAY, (g) => g << shift));

export function toGrayscale(screen: Uint8Array, out = new Uint8Array(screen.length)): Uint8Array {
  const n = screen.length;
  if (out.length !== n) throw new RangeError(`grayscale buffer needs ${n} bytes`);
  if (LITTLE_ENDIAN && (n & 3) === 0 && (screen.byteOffset & 3) === 0 && (out.byteOffset & 3) === 0) {
    // Hot path (an observation every step): four pixels per iteration, lookups in tables that stay in L1.
    const src = new Int32Array(screen.buffer, screen.byteOffset, n >> 2);
    const dst = new Int32Array(out.buffer, out.byteOffset, n >> 2);
    const g0 = GRAY0;
    const g1 = GRAY1;
    const g2 = GRAY2;
    const g3 = GRAY3;
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      dst[i] = g0[v & 0xff] | g1[(v >>> 8) & 0xff] | g2[(v >>> 16) & 0xff] | g3[v >>> 24];
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = PALETTE_GRAY[screen[i]];
  return out;
}
