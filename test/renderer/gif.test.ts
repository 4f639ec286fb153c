import { describe, expect, it } from 'vitest';
import { GifEncoder, lzwEncode, screenToIndices } from '../../renderer/lib/replay-gif';

/** A reference LZW decoder (as a GIF reader does it), to check the encoder's output. */
function lzwDecode(data: Uint8Array, minCodeSize: number, count: number): Uint8Array {
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  let dict: number[][] = [];
  const reset = (): void => {
    dict = Array.from({ length: clear + 2 }, (_, i) => [i]);
  };
  reset();
  let codeSize = minCodeSize + 1;
  let acc = 0;
  let bits = 0;
  let p = 0;
  let prev: number[] | null = null;
  const out: number[] = [];
  for (;;) {
    while (bits < codeSize) {
      if (p >= data.length) throw new Error('ran out of data');
      acc |= data[p++] << bits;
      bits += 8;
    }
    const code = acc & ((1 << codeSize) - 1);
    acc >>>= codeSize;
    bits -= codeSize;
    if (code === clear) {
      reset();
      codeSize = minCodeSize + 1;
      prev = null;
      continue;
    }
    if (code === eoi) break;
    let entry: number[];
    if (code < dict.length) entry = dict[code];
    else if (code === dict.length && prev) entry = [...prev, prev[0]];
    else throw new Error(`bad code ${code}`);
    out.push(...entry);
    if (prev && dict.length < 4096) dict.push([...prev, entry[0]]);
    if (dict.length === 1 << codeSize && codeSize < 12) codeSize++;
    prev = entry;
  }
  expect(out.length).toBe(count);
  return Uint8Array.from(out);
}

function pseudoRandom(n: number, colours: number, seed = 1): Uint8Array {
  let x = seed;
  return Uint8Array.from({ length: n }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 16) % colours;
  });
}

describe('LZW', () => {
  it.each([
    ['noise (forces table resets)', pseudoRandom(60_000, 128)],
    ['flat', new Uint8Array(33_600).fill(5)],
    ['stripes', Uint8Array.from({ length: 33_600 }, (_, i) => (i >> 3) % 7)],
    ['single pixel', Uint8Array.of(3)],
  ])('round-trips %s', (_, input) => {
    expect(Array.from(lzwDecode(lzwEncode(input, 7), 7, input.length))).toEqual(Array.from(input));
  });

  it('works at the smallest code size', () => {
    const input = pseudoRandom(5000, 4);
    expect(Array.from(lzwDecode(lzwEncode(input, 2), 2, input.length))).toEqual(Array.from(input));
  });
});

describe('GifEncoder', () => {
  const palette = new Uint8Array(128 * 3).map((_, i) => i);

  it('writes a well-formed GIF89a with merged duplicate frames', () => {
    const gif = new GifEncoder({ width: 4, height: 2, palette, loop: 0 });
    const a = Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    gif.addFrame(a, 5);
    gif.addFrame(a, 5);
    gif.addFrame(Uint8Array.of(7, 6, 5, 4, 3, 2, 1, 0), 3);
    const bytes = gif.finish();
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('GIF89a');
    expect(bytes[6] | (bytes[7] << 8)).toBe(4);
    expect(bytes[8] | (bytes[9] << 8)).toBe(2);
    expect(bytes[10]).toBe(0x80 | (6 << 4) | 6);
    expect(bytes[bytes.length - 1]).toBe(0x3b);
    // Walk the blocks: two image frames, the first lasting 10 cs.
    let p = 13 + 128 * 3;
    const delays: number[] = [];
    const frames: Uint8Array[] = [];
    while (bytes[p] !== 0x3b) {
      if (bytes[p] === 0x21) {
        if (bytes[p + 1] === 0xf9) delays.push(bytes[p + 4] | (bytes[p + 5] << 8));
        p += 2;
        while (bytes[p] !== 0) p += bytes[p] + 1;
        p++;
      } else if (bytes[p] === 0x2c) {
        const min = bytes[p + 10];
        p += 11;
        const data: number[] = [];
        while (bytes[p] !== 0) {
          data.push(...bytes.subarray(p + 1, p + 1 + bytes[p]));
          p += bytes[p] + 1;
        }
        p++;
        frames.push(lzwDecode(Uint8Array.from(data), min, 8));
      } else throw new Error(`unexpected block 0x${bytes[p].toString(16)} at ${p}`);
    }
    expect(delays).toEqual([10, 3]);
    expect(frames.map((f) => Array.from(f))).toEqual([Array.from(a), [7, 6, 5, 4, 3, 2, 1, 0]]);
  });

  it('maps Atari pixel values to palette indices and scales', () => {
    expect(Array.from(screenToIndices(Uint8Array.of(0x0e, 0x44), 2, 1, 2))).toEqual([
      7, 7, 0x22, 0x22, 7, 7, 0x22, 0x22,
    ]);
  });
});

describe('GifEncoder against ImageMagick', () => {
  it('decodes to the same pixels', async () => {
    const { execFileSync } = await import('node:child_process');
    try {
      execFileSync('convert', ['-version'], { stdio: 'ignore' });
    } catch {
      return; // ImageMagick is not installed: the structural test above still ran.
    }
    const palette = new Uint8Array(128 * 3).map((_, i) => (i * 37) & 0xff);
    const gif = new GifEncoder({ width: 160, height: 210, palette, loop: 0 });
    const frames = [pseudoRandom(160 * 210, 128, 7), new Uint8Array(160 * 210).fill(9)];
    for (const f of frames) gif.addFrame(f, 4);
    const rgb = execFileSync('convert', ['gif:-', '-coalesce', 'rgb:-'], { input: gif.finish() });
    expect(rgb.length).toBe(2 * 160 * 210 * 3);
    frames.forEach((f, n) => {
      for (let i = 0; i < f.length; i += 997) {
        const o = (n * f.length + i) * 3;
        expect([rgb[o], rgb[o + 1], rgb[o + 2]]).toEqual(Array.from(palette.subarray(f[i] * 3, f[i] * 3 + 3)));
      }
    });
  });
});
