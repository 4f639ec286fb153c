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

export function toGrayscale(screen: Uint8Array, out = new Uint8Array(screen.length)): Uint8Array {
  if (out.length !== screen.length) throw new RangeError(`grayscale buffer needs ${screen.length} bytes`);
  for (let i = 0; i < screen.length; i++) out[i] = PALETTE_GRAY[screen[i]];
  return out;
}
