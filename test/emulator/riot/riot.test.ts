import { describe, expect, it } from 'vitest';
import { Riot } from '../../../electron/emulator/riot/riot';
import { StateReader, StateWriter } from '../../../electron/emulator/state';

function counter(start = 0): { next(): number } {
  let n = start;
  return { next: () => n++ };
}

function makeRiot(): { riot: Riot; clock: { cycles: number } } {
  const clock = { cycles: 0 };
  const riot = new Riot(clock, counter());
  return { riot, clock };
}

const INTIM = 0x284;
const TIMINT = 0x285;

describe('Riot', () => {
  it('fills RAM from 128 draws and the timer from the next draw (25 + draw % 75)', () => {
    const { riot, clock } = makeRiot();
    expect(Array.from(riot.ram.slice(0, 4))).toEqual([0, 1, 2, 3]);
    expect(riot.ram[127]).toBe(127);
    // Timer = 25 + 128 % 75 = 78 at 64 cycles per tick, set at cycle 0.
    clock.cycles = 1;
    expect(riot.read(INTIM)).toBe(77);
    clock.cycles = 65;
    expect(riot.read(INTIM)).toBe(76);
  });

  it('counts TIM1T down once per cycle, then after expiry keeps counting from $FF', () => {
    const { riot, clock } = makeRiot();
    riot.write(0x294, 5);
    clock.cycles = 3;
    expect(riot.read(INTIM)).toBe(2);
    clock.cycles = 6;
    expect(riot.read(TIMINT)).toBe(0x80);
    expect(riot.read(INTIM)).toBe(0xff);
    clock.cycles = 8;
    expect(riot.read(INTIM)).toBe(0xfb); // first read 2+ cycles after expiry latches the interrupt read
    expect(riot.read(TIMINT)).toBe(0x00);
    clock.cycles = 9;
    expect(riot.read(INTIM)).toBe(0xfa);
  });

  it('uses the prescaler of each TIMxT register', () => {
    for (const [address, shift] of [
      [0x294, 0],
      [0x295, 3],
      [0x296, 6],
      [0x297, 10],
    ] as const) {
      const { riot, clock } = makeRiot();
      clock.cycles = 1000;
      riot.write(address, 10);
      clock.cycles = 1001 + (3 << shift);
      expect(riot.read(INTIM)).toBe(6);
      expect(riot.read(TIMINT)).toBe(0);
    }
  });

  it('re-arms the interrupt flag when the timer is written again', () => {
    const { riot, clock } = makeRiot();
    riot.write(0x294, 1);
    clock.cycles = 10;
    riot.read(INTIM);
    expect(riot.read(TIMINT)).toBe(0);
    riot.write(0x295, 1);
    clock.cycles = 11;
    expect(riot.read(INTIM)).toBe(0);
    clock.cycles = 30;
    expect(riot.read(TIMINT)).toBe(0x80);
  });

  it('reads SWCHA regardless of DDRA, keeps DDRA, ignores SWCHB/DDRB writes', () => {
    const { riot } = makeRiot();
    riot.swcha = 0x7f;
    riot.swchb = 0x3e;
    riot.write(0x281, 0xf0);
    riot.write(0x280, 0x00);
    riot.write(0x282, 0x00);
    riot.write(0x283, 0xff);
    expect(riot.read(0x280)).toBe(0x7f);
    expect(riot.read(0x281)).toBe(0xf0);
    expect(riot.read(0x282)).toBe(0x3e);
    expect(riot.read(0x283)).toBe(0);
  });

  it('keeps RAM over a reset and takes one draw for the timer', () => {
    const { riot, clock } = makeRiot();
    riot.ram[5] = 0xaa;
    riot.reset({ next: () => 80 });
    expect(riot.ram[5]).toBe(0xaa);
    clock.cycles = 1;
    expect(riot.read(INTIM)).toBe(25 + 5 - 1);
  });

  it('keeps timings relative when the cycle counter is zeroed', () => {
    const a = makeRiot();
    const b = makeRiot();
    a.clock.cycles = b.clock.cycles = 500;
    a.riot.write(0x295, 40);
    b.riot.write(0x295, 40);
    a.clock.cycles = b.clock.cycles = 700;
    b.riot.systemCyclesReset();
    b.clock.cycles = 0;
    a.clock.cycles += 123;
    b.clock.cycles += 123;
    expect(b.riot.read(INTIM)).toBe(a.riot.read(INTIM));
  });

  it('round-trips its state', () => {
    const { riot, clock } = makeRiot();
    riot.write(0x296, 33);
    clock.cycles = 5000;
    riot.read(INTIM);
    const w = new StateWriter();
    riot.saveState(w);
    const copy = makeRiot();
    copy.riot.loadState(new StateReader(w.finish()));
    copy.clock.cycles = clock.cycles = 9000;
    expect(copy.riot.read(INTIM)).toBe(riot.read(INTIM));
    expect(Array.from(copy.riot.ram)).toEqual(Array.from(riot.ram));
  });
});
