/**
 * WSYNC halts the CPU only when the 6507's last bus access was a read (Stella's TIA checks
 * lastAccessWasRead): a store halts, but a push that directly follows another write does not. A JSR
 * with SP = $03 pushes its high byte to $0103 and then its low byte to $0102, a WSYNC mirror.
 */
import { describe, expect, it } from 'vitest';
import { Atari2600 } from '../../../electron/emulator/atari-2600';
import { assembleCart } from '../../support/assemble';

// The RIOT timer (1 cycle per count) measures how long each JSR took: INTIM is stored to $80/$81.
const SOURCE = `
start
    sei
    cld
    ldx #$03
    txs
    sta $02
    lda #255
    sta $0294
    jsr first
first
    lda $0284
    sta $80
    ldx #$02
    txs
    sta $02
    lda #255
    sta $0294
    jsr second
second
    lda $0284
    sta $81
idle
    sta $02
    jmp idle
`;

describe('WSYNC and the last bus access', () => {
  it.each([true, false])('halts after a read, not after a write (compiled code: %s)', (compileCode) => {
    const console2600 = new Atari2600(assembleCart(SOURCE), { compileCode });
    console2600.runFrame();
    const [afterWrite, afterRead] = console2600.ram().slice(0, 2);
    // JSR (6 cycles) and LDA abs up to its read (4): about 10 counts without a halt.
    expect(255 - afterWrite).toBeLessThan(16);
    // The high byte's push to $0102 follows the stack read: it waits for the end of the line.
    expect(255 - afterRead).toBeGreaterThan(16);
  });
});
