import { describe, expect, it } from 'vitest';
import type { CpuControl } from '../../../electron/emulator/bus';
import { StateReader, StateWriter } from '../../../electron/emulator/state';
import { MAX_RESISTANCE, Tia } from '../../../electron/emulator/tia/tia';
import { assembleCart } from '../../support/assemble';
import { TestConsole, frameProgram } from './harness';

const blank = (n: number) => '  sta WSYNC\n'.repeat(n);
const wait = (cycles: number) => '  nop\n'.repeat(cycles / 2);

/** Player 0 (8 pixels wide at 66) with PF1 = `pf1`. */
function collisionProgram(pf1: number): Uint8Array {
  const draw = `${wait(40)}\n  sta RESP0\n  sta WSYNC\n${blank(3)}`;
  return frameProgram({
    setup: `\n  lda #$ff\n  sta GRP0\n  lda #${pf1}\n  sta PF1\n  sta CXCLR`,
    kernel: `${draw}\n  lda CXP0FB\n  sta $80\n  lda CXPPMM\n  sta $81\n  sta WSYNC`,
    lines: 5,
  });
}

describe('TIA collisions', () => {
  it('latches P0-PF where they overlap and CXCLR clears it', () => {
    // P0 at 66–73 is clear of PF1's pixels (16–47, 96–127): no collision.
    const clear = new TestConsole(collisionProgram(0xff));
    clear.frames(3);
    expect(clear.ram[0] & 0xc0).toBe(0);
    // PF2 = $FF covers 48–79: P0-PF latches (and the setup's CXCLR clears it every frame).
    const over = new TestConsole(
      frameProgram({
        setup: `\n  lda #$ff\n  sta GRP0\n  sta PF2\n  sta CXCLR`,
        kernel: `${wait(40)}\n  sta RESP0\n  sta WSYNC\n${blank(3)}\n  lda CXP0FB\n  sta $80\n  sta WSYNC`,
        lines: 5,
      }),
    );
    over.frames(3);
    expect(over.ram[0] & 0xc0).toBe(0x80);
  });

  it('only detects collisions inside the display window, as ALE does', () => {
    // The same overlap, but drawn during scanlines 0–33 (above yStart): nothing is latched.
    const c = new TestConsole(
      frameProgram({
        setup: `\n  lda #$ff\n  sta GRP0\n  sta PF2\n  sta CXCLR\n  lda #0\n  sta $80`,
        kernel: `  lda #0\n  sta PF2\n  sta GRP0\n  lda CXP0FB\n  sta $80\n  sta WSYNC`,
        lines: 1,
      }),
    );
    c.frames(3);
    expect(c.ram[0] & 0xc0).toBe(0);
  });

  it('read bits 0–5 come from the data bus', () => {
    const cpu: CpuControl = { cycles: 0, execute: () => 0, stop: () => {} };
    const tia = new Tia(cpu, { yStart: 34, height: 210, hmoveBlanks: true });
    expect(tia.read(0x02, 0xff)).toBe(0x3f);
    expect(tia.read(0x0c, 0x15)).toBe(0x95);
  });

  it('keeps collisions exact when pixels are not rendered', () => {
    const program = frameProgram({
      setup: `\n  lda #$ff\n  sta GRP0\n  sta PF2\n  sta CXCLR`,
      kernel: `${wait(40)}\n  sta RESP0\n  sta WSYNC\n${blank(3)}\n  lda CXP0FB\n  sta $80\n  sta WSYNC`,
      lines: 5,
    });
    const c = new TestConsole(program);
    c.tia.renderPixels = false;
    const before = c.frames(3).slice();
    expect(c.ram[0] & 0xc0).toBe(0x80);
    expect(c.tia.screen()).toEqual(before);
  });
});

describe('TIA frames', () => {
  it('a VSYNC-bounded kernel gives 262-line frames', () => {
    const c = new TestConsole(frameProgram({ kernel: blank(10), lines: 10 }));
    c.frames(3);
    expect(c.tia.scanlinesLastFrame).toBe(262);
  });

  it('without VSYNC the frame ends on the first TIA write past the scanline limit', () => {
    const c = new TestConsole(assembleCart(`  include vcs.h\nstart\n  sta WSYNC\n  jmp start`));
    c.frames(3);
    expect(c.tia.scanlinesLastFrame).toBeGreaterThan(290);
    expect(c.tia.scanlinesLastFrame).toBeLessThan(293);
  });

  it('greys the rest of the picture once when 25,000 instructions pass without a frame end', () => {
    // The first runFrame ends at the first VSYNC; frames 2–4 draw a grey background and frame 5 jams
    // the CPU (KIL) at row 100.
    const c = new TestConsole(
      frameProgram({
        setup: `\n  lda #$4e\n  sta COLUBK\n  inc $80`,
        kernel: `${blank(100)}\n  lda $80\n  cmp #4\n  bne ok\n  .byte $02\nok\n${blank(10)}`,
        lines: 110,
      }),
    );
    c.frames(5);
    expect(c.row(50)[10]).toBe(0x4e);
    expect(c.row(99)[10]).toBe(0x4e);
    expect(c.row(150)[10]).toBe((0x4e & 0x0f) >> 1);
    c.frames(1); // still the same partial frame: not greyed again
    expect(c.row(150)[10]).toBe((0x4e & 0x0f) >> 1);
  });

  it('save and load restore the TIA exactly', () => {
    const program = frameProgram({
      setup: `\n  lda #$4e\n  sta COLUBK\n  inc $80\n  lda $80\n  sta PF1\n  sta GRP0`,
      kernel: `${wait(40)}\n  sta RESP0\n  sta WSYNC\n${blank(20)}`,
      lines: 21,
    });
    const a = new TestConsole(program);
    a.frames(5);
    const w = new StateWriter();
    a.tia.saveState(w);
    const cpuState = new StateWriter();
    a.cpu.saveState(cpuState);
    const ram = a.ram.slice();
    const expected = a.frames(3).slice();

    const b = new TestConsole(program);
    b.tia.loadState(new StateReader(w.finish()));
    b.cpu.loadState(new StateReader(cpuState.finish()));
    b.ram.set(ram);
    expect(b.frames(3)).toEqual(expected);
  });
});

/** A CpuControl that performs scripted TIA writes: [cycle, register, value] per "instruction". */
function scriptedTia(script: [number, number, number][]): Tia {
  let pos = 0;
  let stopped = false;
  const cpu: CpuControl = {
    cycles: 0,
    execute(max) {
      stopped = false;
      let n = 0;
      while (!stopped && n < max && pos < script.length) {
        const [cycle, reg, value] = script[pos++];
        cpu.cycles = cycle;
        tia.write(reg, value);
        n++;
      }
      return n;
    },
    stop: () => (stopped = true),
  };
  const tia = new Tia(cpu, { yStart: 34, height: 210, hmoveBlanks: true });
  return tia;
}

describe('TIA frame ending inside the display window', () => {
  // Frame 1 ends on line 1; frame 2 sets the background and ends as VSYNC clears at row 17, pixel 10.
  const script = (grp0: number): [number, number, number][] => [
    [0, 0x00, 2],
    [76, 0x00, 0],
    [0, 0x09, 0x0e],
    [1, 0x1b, grp0],
    [50 * 76 + 26, 0x00, 2],
    [51 * 76 + 26, 0x00, 0],
  ];

  it("keeps Stella's 4-pixel store past the last drawn pixel when an object is enabled", () => {
    const tia = scriptedTia(script(0xff));
    tia.runFrame();
    tia.runFrame();
    const row = [...tia.screen().subarray(17 * 160, 17 * 160 + 16)];
    expect(row).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0x0e, 0x0e, 0x0e, 0x0e, 0, 0, 0, 0]);
  });

  it('stops exactly at the last drawn pixel for a plain background', () => {
    const tia = scriptedTia(script(0));
    tia.runFrame();
    tia.runFrame();
    const row = [...tia.screen().subarray(17 * 160, 17 * 160 + 16)];
    expect(row).toEqual([0x0e, 0x0e, 0x0e, 0x0e, 0x0e, 0x0e, 0x0e, 0x0e, 0x0e, 0x0e, 0, 0, 0, 0, 0, 0]);
    expect(tia.screen()[16 * 160 + 100]).toBe(0x0e);
  });
});

describe('TIA paddles', () => {
  function scripted() {
    const cpu: CpuControl = { cycles: 0, execute: () => 0, stop: () => {} };
    return { cpu, tia: new Tia(cpu, { yStart: 34, height: 210, hmoveBlanks: true }) };
  }

  it('INPT0 bit 7 rises (1.6 R 1e-8 × 1.19e6) cycles after VBLANK bit 7 clears', () => {
    const { cpu, tia } = scripted();
    const r = 408823; // ALE's centre position: 7783 cycles
    tia.setPaddleResistance(0, r);
    cpu.cycles = 100;
    tia.write(0x01, 0x80);
    expect(tia.read(0x08, 0) & 0x80).toBe(0);
    cpu.cycles = 200;
    tia.write(0x01, 0x00);
    cpu.cycles = 200 + 7783;
    expect(tia.read(0x08, 0) & 0x80).toBe(0);
    cpu.cycles = 200 + 7784;
    expect(tia.read(0x08, 0) & 0x80).toBe(0x80);
  });

  it('resistance 0 always reads 1, a joystick pin (maximum) always 0; fire buttons are active low', () => {
    const { tia } = scripted();
    tia.setPaddleResistance(1, 0);
    tia.setPaddleResistance(2, MAX_RESISTANCE);
    expect(tia.read(0x09, 0) & 0x80).toBe(0x80);
    expect(tia.read(0x0a, 0) & 0x80).toBe(0);
    tia.setFireButton(4, true);
    expect(tia.read(0x0c, 0) & 0x80).toBe(0);
    expect(tia.read(0x0d, 0) & 0x80).toBe(0x80);
  });
});
