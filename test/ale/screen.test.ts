import { describe, expect, it } from 'vitest';
import { PALETTE_GRAY, PALETTE_RGB } from '../../electron/ale/palette';
import { toGrayscale, toRgb } from '../../electron/ale/screen';

describe('screen conversions', () => {
  const screen = Uint8Array.from({ length: 210 * 160 }, (_, i) => (i * 37) & 0xff);
  it('maps every pixel through the grayscale palette (word loop and byte loop agree)', () => {
    const fast = toGrayscale(screen);
    const odd = new Uint8Array(screen.length + 1);
    odd.set(screen, 1);
    const slow = toGrayscale(odd.subarray(1));
    for (let i = 0; i < screen.length; i++) expect(fast[i]).toBe(PALETTE_GRAY[screen[i]]);
    expect(Buffer.from(slow).equals(Buffer.from(fast))).toBe(true);
  });
  it('maps every pixel to its RGB triplet', () => {
    const rgb = toRgb(screen);
    expect(Array.from(rgb.subarray(3 * 5, 3 * 6))).toEqual(
      Array.from(PALETTE_RGB.subarray(screen[5] * 3, screen[5] * 3 + 3)),
    );
    expect(() => toRgb(screen, new Uint8Array(3))).toThrow(/RGB buffer/);
  });
});
