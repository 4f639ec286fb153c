import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PALETTE_GRAY, PALETTE_RGB } from '../../electron/ale/palette';
import { natureFrame, notebookFrame } from '../../electron/preprocessing/frames';
import { areaWeights, createAreaResizer } from '../../electron/preprocessing/inter-area';
import { createPreprocessor } from '../../electron/preprocessing/preprocessor';

const REF = join(__dirname, '../../../shared/ale-reference');
const SCREEN_BYTES = 210 * 160;

function readScreens(): Map<number, Uint8Array> {
  const raw = gunzipSync(readFileSync(join(REF, 'space_invaders-p1-fs1.screens.bin.gz')));
  const screens = new Map<number, Uint8Array>();
  for (let at = 0; at + 4 + SCREEN_BYTES <= raw.length; at += 4 + SCREEN_BYTES) {
    screens.set(raw.readInt32LE(at), new Uint8Array(raw.subarray(at + 4, at + 4 + SCREEN_BYTES)));
  }
  return screens;
}

const haveRef = existsSync(join(REF, 'preprocessing'));

describe.skipIf(!haveRef)('preprocessing goldens (numpy 1.24 / OpenCV 4.6)', () => {
  const screens = haveRef ? readScreens() : new Map<number, Uint8Array>();
  for (const step of [-1, 250, 1000]) {
    const name = `space_invaders-p1-fs1-step${step}`;
    it(`notebook 90x80 equals the golden at step ${step}`, () => {
      const golden = new Uint8Array(readFileSync(join(REF, 'preprocessing', `${name}.notebook-90x80.u8`)));
      expect(golden.length).toBe(90 * 80);
      expect(Buffer.from(notebookFrame(screens.get(step)!)).equals(Buffer.from(golden))).toBe(true);
    });
    it(`nature 84x84 equals the golden at step ${step}`, () => {
      const golden = new Uint8Array(readFileSync(join(REF, 'preprocessing', `${name}.nature-84x84.u8`)));
      const ours = natureFrame(screens.get(step)!);
      const diffs = ours.reduce((n, v, i) => n + (v === golden[i] ? 0 : 1), 0);
      expect(diffs).toBe(0);
    });
  }
});

describe('notebook preprocessing by hand', () => {
  it('takes even rows/cols, truncates the RGB mean and crops rows 10:100', () => {
    const screen = new Uint8Array(SCREEN_BYTES);
    // Palette index 0x1e at (row 20, col 0) -> downsampled (10, 0) -> cropped (0, 0).
    screen[20 * 160 + 0] = 0x1e;
    // Odd rows/cols are skipped.
    screen[21 * 160 + 1] = 0x0e;
    // Row 199 -> downsampled 99 -> cropped 89 (last kept); row 200 -> 100 is cut.
    screen[198 * 160 + 158] = 0x0e;
    screen[200 * 160] = 0x0e;
    const out = notebookFrame(screen);
    const rgb = (v: number) => [PALETTE_RGB[v * 3], PALETTE_RGB[v * 3 + 1], PALETTE_RGB[v * 3 + 2]];
    const [r, g, b] = rgb(0x1e); // 0xfcfc54 -> (252 + 252 + 84) / 3 = 196
    expect(Math.floor((r + g + b) / 3)).toBe(196);
    expect(out[0]).toBe(196);
    expect(out[1]).toBe(0);
    expect(out[89 * 80 + 79]).toBe(Math.floor(rgb(0x0e).reduce((a, c) => a + c) / 3));
    expect(out.reduce((a, v) => a + (v ? 1 : 0), 0)).toBe(2);
  });
});

describe('INTER_AREA by hand', () => {
  it('averages whole cells for an integer-like layout and splits fractional cells', () => {
    // 3 -> 2 columns: dst 0 = src0 + 0.5 src1 over 1.5; dst 1 = 0.5 src1 + src2 over 1.5.
    const w = areaWeights(3, 2);
    expect(w.map((x) => [x.di, x.si, Number(x.alpha.toFixed(6))])).toEqual([
      [0, 0, 0.666667],
      [0, 1, 0.333333],
      [1, 1, 0.333333],
      [1, 2, 0.666667],
    ]);
    const resizer = createAreaResizer(3, 1, 2, 1);
    // (30*2/3 + 60/3) = 40 ; (60/3 + 91*2/3) = 80.666 -> 81
    expect([...resizer.resize(Uint8Array.from([30, 60, 91]))]).toEqual([40, 81]);
    // Halves round to even like OpenCV: (1*2/3 + 2/3) = 1.333 -> 1; 4x4 -> 2x2 mean of 0,1,0,1 = 0.5 -> 0.
    const even = createAreaResizer(4, 1, 3, 1); // cells of 4/3
    expect(even.resize(Uint8Array.from([0, 0, 0, 0])).every((v) => v === 0)).toBe(true);
  });

  it('nature frame of a flat screen is flat at that luminance', () => {
    const screen = new Uint8Array(SCREEN_BYTES).fill(0x46);
    expect(natureFrame(screen).every((v) => v === PALETTE_GRAY[0x46])).toBe(true);
  });

  it('max-pools the last two frames before resizing', () => {
    const a = new Uint8Array(SCREEN_BYTES);
    const b = new Uint8Array(SCREEN_BYTES).fill(0x0e);
    const p = createPreprocessor({ preprocessing: 'nature', maxPoolFrames: true });
    expect(p.process({ screen: a, previousScreen: b }).every((v) => v === PALETTE_GRAY[0x0e])).toBe(true);
    const n = createPreprocessor({ preprocessing: 'notebook', maxPoolFrames: true });
    expect(n.process({ screen: a, previousScreen: b })[0]).toBe(notebookFrame(b)[0]);
  });
});
