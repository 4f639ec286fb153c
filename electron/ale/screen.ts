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

/** Grayscale of two adjacent pixels at once, indexed by the pair read as one native uint16. */
const GRAY_PAIRS: Uint16Array = (() => {
  const table = new Uint16Array(65536);
  const bytes = new Uint8Array(table.buffer);
  const probe = new Uint16Array(1);
  const probeBytes = new Uint8Array(probe.buffer);
  for (let v = 0; v < 65536; v++) {
    probe[0] = v;
    bytes[2 * v] = PALETTE_GRAY[probeBytes[0]];
    bytes[2 * v + 1] = PALETTE_GRAY[probeBytes[1]];
  }
  return table;
})();

export function toGrayscale(screen: Uint8Array, out = new Uint8Array(screen.length)): Uint8Array {
  const n = screen.length;
  if (out.length !== n) throw new RangeError(`grayscale buffer needs ${n} bytes`);
  if ((n & 1) === 0 && (screen.byteOffset & 1) === 0 && (out.byteOffset & 1) === 0) {
    // Hot path (an observation every step): half the loop iterations through the pair table.
    const src = new Uint16Array(screen.buffer, screen.byteOffset, n >> 1);
    const dst = new Uint16Array(out.buffer, out.byteOffset, n >> 1);
    for (let i = 0; i < src.length; i++) dst[i] = GRAY_PAIRS[src[i]];
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = PALETTE_GRAY[screen[i]];
  return out;
}
