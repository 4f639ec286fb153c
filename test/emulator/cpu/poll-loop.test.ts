/**
 * The poll-loop fast-forward against the loop run one iteration at a time: a RIOT-like countdown (values
 * that only fall, then -1 once expired) and a constant ROM byte, for every branch the fast-forward takes.
 */
import { describe, expect, it } from 'vitest';
import { BASE_CYCLES } from '../../../electron/emulator/cpu/cycle-table';
import { pollPeriod, skipPolls, type PeekBus } from '../../../electron/emulator/cpu/poll-loop';

function countdown(timer: number, set: number, shift: number): PeekBus {
  return {
    peek: (_address, cycles) => {
      const delta = cycles - 1 - set;
      if (delta < 0) return -1;
      const value = timer - (delta >>> shift) - 1;
      return value < 0 ? -1 : value;
    },
  };
}

const TAKEN: Record<number, (v: number) => boolean> = {
  0x10: (v) => (v & 0x80) === 0, // BPL
  0x30: (v) => (v & 0x80) !== 0, // BMI
  0xd0: (v) => v !== 0, // BNE
  0xf0: (v) => v === 0, // BEQ
};

/** What skipPolls must return: the loop's iterations stepped one by one. */
function stepwise(bus: PeekBus, cycles: number, load: number, op: number, period: number, budget: number) {
  let k = 0;
  let value = 0;
  const first = cycles + BASE_CYCLES[load];
  while (k < budget >> 1) {
    const v = bus.peek(0x284, first + k * period);
    if (v < 0 || !TAKEN[op](v)) break;
    value = v;
    k++;
  }
  return k === 0 ? { result: 0, cycles } : { result: (k << 10) | (1 << 8) | value, cycles: cycles + k * period };
}

describe('skipPolls', () => {
  it('skips exactly the iterations a stepwise run stays in the loop for', () => {
    let seed = 12345;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    let skipped = 0;
    for (let trial = 0; trial < 4000; trial++) {
      const op = [0x10, 0x30, 0xd0, 0xf0][trial & 3];
      const constant = rnd(10) === 0 ? rnd(256) : -1;
      const bus: PeekBus =
        constant >= 0 ? { peek: () => constant } : countdown(rnd(256), rnd(50), [0, 3, 6, 10][rnd(4)]);
      const load = 0xae; // LDX abs: register 1
      const target = 0xf000 + rnd(0x1000);
      const period = pollPeriod(load, op, target);
      const cycles = 50 + rnd(4000);
      const budget = rnd(5) === 0 ? rnd(8) : rnd(30000);
      const expected = stepwise(bus, cycles, load, op, period, budget);
      const cpu = { cycles };
      const result = skipPolls(bus, cpu, 0x284, (1 << 8) | load, op, period, budget);
      expect({ result, cycles: cpu.cycles }, `trial ${trial}`).toEqual(expected);
      if (result !== 0) skipped++;
    }
    // Both outcomes must be common for the comparison to mean something.
    expect(skipped).toBeGreaterThan(1000);
    expect(skipped).toBeLessThan(3800);
  });
});
