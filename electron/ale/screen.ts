/** Screen conversions: ALE palette-index bytes -> RGB (getScreenRGB) or grayscale (getScreenGrayscale). */
import { LITTLE_ENDIAN } from '../emulator/state';
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

/**
 * Greys of a pair of palette indices (low byte: the first pixel), so a 32-bit word of four pixels
 * takes two lookups. The table is 128 KB, but a screen has few distinct pixel pairs, so the entries in
 * use stay in cache. The result word is signed: V8 keeps int32 values in registers, while uint32 values
 * of 2^31 and more would fall off its integer path.
 */
const GRAY_PAIRS = Uint16Array.from(
  { length: 0x10000 },
  (_, i) => PALETTE_GRAY[i & 0xff] | (PALETTE_GRAY[i >> 8] << 8),
);

export function toGrayscale(screen: Uint8Array, out = new Uint8Array(screen.length)): Uint8Array {
  const n = screen.length;
  if (out.length !== n) throw new RangeError(`grayscale buffer needs ${n} bytes`);
  if (LITTLE_ENDIAN && (n & 3) === 0 && (screen.byteOffset & 3) === 0 && (out.byteOffset & 3) === 0) {
    // Hot path (an observation every step): four pixels per iteration.
    const src = new Int32Array(screen.buffer, screen.byteOffset, n >> 2);
    const dst = new Int32Array(out.buffer, out.byteOffset, n >> 2);
    const pairs = GRAY_PAIRS;
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      dst[i] = pairs[v & 0xffff] | (pairs[v >>> 16] << 16);
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = PALETTE_GRAY[screen[i]];
  return out;
}
