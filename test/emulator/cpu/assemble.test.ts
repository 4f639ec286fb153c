import { describe, expect, it } from 'vitest';
import { assemble, assembleCart, assembleProgram } from '../../support/assemble';

describe('assemble (test helper)', () => {
  it('assembles documented and undocumented mnemonics at an origin', () => {
    const bytes = assemble('  lda #1\n  lax ($10),y\n  .byte $02\nloop jmp loop');
    expect([...bytes]).toEqual([0xa9, 1, 0xb3, 0x10, 2, 0x4c, 5, 0x10]);
  });

  it('returns label values', () => {
    const p = assembleProgram('  lda #1\nhere\n  nop\n', 0x2000);
    expect(p.symbols.get('here')).toBe(0x2002);
  });

  it('builds a 4K cart with vectors pointing at start, with vcs.h available', () => {
    const cart = assembleCart('  include "vcs.h"\nstart sta WSYNC\n  sta COLUBK\n  jmp start\n');
    expect(cart.length).toBe(4096);
    expect([...cart.slice(0, 5)]).toEqual([0x85, 0x02, 0x85, 0x09, 0x4c]);
    expect([...cart.slice(0xffa)]).toEqual([0x00, 0xf0, 0x00, 0xf0, 0x00, 0xf0]);
  });

  it('throws with dasm messages on errors', () => {
    expect(() => assemble('  foo $10')).toThrow(/Unknown Mnemonic/);
    expect(() => assemble('  jmp nowhere')).toThrow(/nowhere/);
  });
});
