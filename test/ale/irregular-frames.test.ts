import { describe, expect, it } from 'vitest';
import { AleEnv } from '../../electron/ale/env';
import { assembleCart } from '../support/assemble';

/**
 * A synthetic cart whose frames are not all regular: frames 0 and 2 of every 8 are short (123 lines, so
 * the rows below keep older content, and the second short frame of a pair shows the first one's
 * leftovers again), and frame 7 of every 16 spins past the 25,000-instruction cap (a partial frame).
 * Each line's colour depends on the frame counter, so stale rows are visible. Frame skipping must
 * still return exactly the screens of an env that draws every frame.
 */
const SOURCE = `
start
    ldx #$ff
    txs
frame
    lda #3
    sta $c9
    lda #0
    sta $98
    sta $dc
    lda #2
    sta $00
    sta $02
    sta $02
    sta $02
    lda #0
    sta $00
    inc $80
    lda $80
    and #15
    cmp #7
    bne nospin
    ldy #60
spin
    ldx #0
spin2
    dex
    bne spin2
    dey
    bne spin
nospin
    ldy #250
    lda $80
    and #5
    bne lines
    ldy #120
lines
    sta $02
    tya
    clc
    adc $80
    sta $09
    dey
    bne lines
    jmp frame
`;

describe('frame-render skipping with irregular frames', () => {
  // Several frame skips put the short and partial frames at every position within a step, after
  // skipping and non-skipping steps (without max-pooling, a short first frame after a skipping step
  // needs that step re-run as well).
  const skips = [4, 3, 5, 7, { min: 2, max: 6 }, { min: 1, max: 4 }];
  it.each(skips)(
    'matches an env that renders every frame, with and without max-pooling (frameskip %o)',
    (frameskip) => {
      const rom = assembleCart(SOURCE);
      const opts = {
        frameskip,
        repeatActionProbability: 0,
        fullActionSpace: false,
        maxEpisodeFrames: 0,
        seed: 1,
        fileName: 'space_invaders.bin',
        onWarning: () => {},
      };
      const fast = new AleEnv(rom, opts);
      const full = new AleEnv(rom, { ...opts, renderAllFrames: true });
      const noPool = new AleEnv(rom, { ...opts, previousScreen: false });
      for (const env of [fast, full, noPool]) env.reset();
      for (let step = 0; step < 240; step++) {
        const a = fast.step(step % 6);
        const b = full.step(step % 6);
        const c = noPool.step(step % 6);
        expect(Buffer.from(a.screen).equals(Buffer.from(b.screen)), `screen, step ${step}`).toBe(true);
        expect(Buffer.from(a.previousScreen).equals(Buffer.from(b.previousScreen)), `previous, step ${step}`).toBe(
          true,
        );
        expect(Buffer.from(c.screen).equals(Buffer.from(b.screen)), `no max-pool, step ${step}`).toBe(true);
      }
    },
  );
});
