import { describe, expect, it } from 'vitest';
import { TestConsole, frameProgram } from './harness';

/** `n` lines that do nothing but wait for the next line. */
const blank = (n: number) => '  sta WSYNC\n'.repeat(n);
/** Code that burns `cycles` (even, ≥ 2) CPU cycles with NOPs. */
const wait = (cycles: number) => '  nop\n'.repeat(cycles / 2);

function run(kernel: string, lines: number, setup = '', options = {}): TestConsole {
  const c = new TestConsole(frameProgram({ setup, kernel, lines }), options);
  c.frames(3);
  return c;
}

describe('TIA playfield', () => {
  const setup = `
  lda #$44
  sta COLUPF
  lda #$10
  sta PF0
  lda #$80
  sta PF1
  lda #$01
  sta PF2`;

  it('draws PF0/PF1/PF2 bits as 4-pixel blocks, repeated on the right half', () => {
    const c = run(blank(4), 4, setup);
    expect(c.columns(0, 0x44)).toEqual([
      0, 1, 2, 3, 16, 17, 18, 19, 48, 49, 50, 51, 80, 81, 82, 83, 96, 97, 98, 99, 128, 129, 130, 131,
    ]);
    expect(c.columns(3, 0x44)).toEqual(c.columns(0, 0x44));
    expect(c.row(4).every((v) => v === 0)).toBe(false); // rows after the kernel keep the playfield
  });

  it('mirrors the right half when CTRLPF bit 0 is set', () => {
    const c = run(blank(2), 2, `${setup}\n  lda #1\n  sta CTRLPF`);
    const right = c.columns(1, 0x44).filter((x) => x >= 80);
    expect(right).toEqual([108, 109, 110, 111, 140, 141, 142, 143, 156, 157, 158, 159]);
  });

  it('score mode colours each half with its player colour, even with priority when PF is alone', () => {
    const colours = `\n  lda #$1a\n  sta COLUP0\n  lda #$86\n  sta COLUP1`;
    for (const ctrl of [0x02, 0x06]) {
      const c = run(blank(2), 2, `${setup}${colours}\n  lda #${ctrl}\n  sta CTRLPF`);
      expect(c.row(1)[0]).toBe(0x1a);
      expect(c.row(1)[80]).toBe(0x86);
    }
  });
});

describe('TIA players', () => {
  // RESP0 at CPU cycle 43 of row 0 (colour clock 129) puts player 0 at pixel 129 − 68 + 5 = 66.
  const position = `${wait(40)}\n  sta RESP0\n  sta WSYNC\n`;
  const setup = (nusiz: number, grp: number, refp = 0) =>
    `\n  lda #$3c\n  sta COLUP0\n  lda #${nusiz}\n  sta NUSIZ0\n  lda #${grp}\n  sta GRP0\n  lda #${refp}\n  sta REFP0`;

  it('RESP0 hides the copy at the new position for the rest of that line', () => {
    // Row 0: reset to pixel 12 at clock 75; row 1: pixel 12 is drawn, then the reset to 66 hides it.
    const kernel = `${wait(22)}\n  sta RESP0\n  sta WSYNC\n${position}${blank(1)}`;
    const c = run(kernel, 3, setup(0, 0x80));
    expect(c.columns(0, 0x3c)).toEqual([]);
    expect(c.columns(1, 0x3c)).toEqual([12]);
    expect(c.columns(2, 0x3c)).toEqual([66]);
  });

  it('NUSIZ copies, double and quad width, and reflection', () => {
    const cases: [number, number, number, number[]][] = [
      [1, 0x80, 0, [66, 82]],
      [3, 0x80, 0, [66, 82, 98]],
      [4, 0x80, 0, [66, 130]],
      [6, 0x80, 0, [66, 98, 130]],
      [5, 0xc0, 0, [67, 68, 69, 70]],
      [7, 0x80, 0, [67, 68, 69, 70]],
      [0, 0x80, 8, [73]],
      [0, 0x81, 0, [66, 73]],
    ];
    for (const [nusiz, grp, refp, want] of cases) {
      const c = run(position + blank(1), 2, setup(nusiz, grp, refp));
      expect(c.columns(1, 0x3c), `NUSIZ ${nusiz} GRP ${grp} REFP ${refp}`).toEqual(want);
    }
  });

  it('vertical delay shows GRP0 only after the next GRP1 write', () => {
    const kernel = `${position}${blank(2)}  sta GRP1\n  sta WSYNC\n${blank(1)}`;
    const reload = `\n  lda #0\n  sta GRP0\n  sta GRP1\n  lda #$ff\n  sta GRP0\n  lda #1\n  sta VDELP0`;
    const c = run(kernel, 5, `${setup(0, 0xff)}${reload}`);
    expect(c.columns(2, 0x3c)).toEqual([]);
    expect(c.columns(4, 0x3c)).toEqual([66, 67, 68, 69, 70, 71, 72, 73]);
  });

  it('P0 is drawn over P1 unless both are behind a priority playfield', () => {
    const both = `${wait(40)}\n  sta RESP0\n  sta RESP1\n  sta WSYNC\n${blank(1)}`;
    const s = `${setup(0, 0xff)}\n  lda #$ff\n  sta GRP1\n  lda #$86\n  sta COLUP1`;
    const c = run(both, 2, s);
    // P1 lands 9 pixels right of P0 (3 CPU cycles later).
    expect(c.columns(1, 0x3c)).toEqual([66, 67, 68, 69, 70, 71, 72, 73]);
    expect(c.columns(1, 0x86)).toEqual([75, 76, 77, 78, 79, 80, 81, 82]);
  });
});

describe('TIA missiles, ball and HMOVE', () => {
  it('RESM0 and RESBL land one pixel left of a player reset; NUSIZ and CTRLPF set their width', () => {
    const kernel = `${wait(40)}\n  sta RESM0\n  sta WSYNC\n${wait(46)}\n  sta RESBL\n  sta WSYNC\n${blank(1)}`;
    const setup = `\n  lda #$3c\n  sta COLUP0\n  lda #$44\n  sta COLUPF\n  lda #$20\n  sta NUSIZ0\n  lda #$10\n  sta CTRLPF\n  lda #2\n  sta ENAM0\n  sta ENABL`;
    const c = run(kernel, 3, setup);
    expect(c.columns(2, 0x3c)).toEqual([65, 66, 67, 68]);
    expect(c.columns(2, 0x44)).toEqual([83, 84]);
  });

  it('HMOVE moves objects by HMxx and blanks pixels 0–7 of the line when strobed early', () => {
    const kernel = `${wait(40)}\n  sta RESP0\n  sta WSYNC\n  sta HMOVE\n  sta WSYNC\n${blank(1)}`;
    const setup = `\n  lda #$0e\n  sta COLUBK\n  lda #$3c\n  sta COLUP0\n  lda #$80\n  sta GRP0\n  lda #$e0\n  sta HMP0`;
    const c = run(kernel, 3, setup);
    expect(c.row(1).slice(0, 9)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0x0e]);
    expect(c.columns(2, 0x3c)).toEqual([68]);
    expect(c.row(2)[0]).toBe(0x0e);
    const off = run(kernel, 3, setup, { hmoveBlanks: false });
    expect(off.row(1)[0]).toBe(0x0e);
  });

  it('an HMOVE at cycle 75 blanks the start of the next line instead', () => {
    const kernel = `${wait(72)}\n  sta HMOVE\n  sta WSYNC\n${blank(2)}`;
    const c = run(kernel, 3, `\n  lda #$0e\n  sta COLUBK`);
    expect(c.row(0)[0]).toBe(0x0e);
    expect(c.row(1).slice(0, 9)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0x0e]);
  });

  it('VBLANK bit 1 blanks the picture', () => {
    const kernel = `  lda #2\n  sta VBLANK\n  sta WSYNC\n  lda #0\n  sta VBLANK\n  sta WSYNC\n`;
    const c = run(kernel, 2, `\n  lda #$0e\n  sta COLUBK`);
    expect(c.row(0).slice(10)).toEqual(new Array(150).fill(0));
    expect(c.row(1)[10]).toBe(0x0e);
  });
});
