/**
 * Differential test: every opcode, from many random states, against the reference CPU (the flat-switch
 * core the current one was derived from). On a logging bus every access (kind, address, value, cycle)
 * and the final state must match; with the whole 8K space in the fast memory map (no bus calls at all)
 * the final state and memory must match.
 */
import { describe, expect, it } from 'vitest';
import type { Bus } from '../../../electron/emulator/bus';
import { Cpu6507 } from '../../../electron/emulator/cpu/cpu-6507';
import { ReferenceCpu6507 } from './reference-cpu';

type AnyCpu = Cpu6507 | ReferenceCpu6507;

/** Logs every access; a write to $02 (WSYNC) adds cycles from inside the access, as the TIA does. */
class LogBus implements Bus {
  readonly log: string[] = [];
  cpu: AnyCpu | null = null;
  constructor(readonly mem: Uint8Array) {}
  read(address: number): number {
    const v = this.mem[address];
    this.log.push(`r ${address} ${v} @${this.cpu?.cycles}`);
    return v;
  }
  write(address: number, value: number): void {
    this.log.push(`w ${address} ${value} @${this.cpu?.cycles}`);
    this.mem[address] = value;
    if (address === 0x02 && this.cpu) this.cpu.cycles += 5;
  }
}

/** The 2600's 13 address lines over 8K of RAM; counts the accesses it gets. */
class MirrorBus implements Bus {
  calls = 0;
  constructor(readonly mem: Uint8Array) {}
  read(address: number): number {
    this.calls++;
    return this.mem[address & 0x1fff];
  }
  write(address: number, value: number): void {
    this.calls++;
    this.mem[address & 0x1fff] = value;
  }
}

const KIL = new Set([0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2]);

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) & 0xffff;
  };
}

function start(cpu: AnyCpu, regs: number[], pc: number): AnyCpu {
  [cpu.a, cpu.x, cpu.y, cpu.sp, cpu.p] = regs;
  cpu.pc = pc;
  cpu.cycles = 10;
  cpu.execute(1);
  return cpu;
}

const state = (c: AnyCpu): string => [c.a, c.x, c.y, c.sp, c.pc, c.p, c.cycles, c.jammed].join(',');

describe('Cpu6507 against the reference core', () => {
  it.each(Array.from({ length: 16 }, (_, row) => row))('opcodes $%x0-$%xF match access for access', (row) => {
    const rnd = lcg(row + 1);
    const noise = Uint8Array.from({ length: 0x20000 }, () => rnd() & 0xff);
    for (let op = row * 16; op < row * 16 + 16; op++) {
      for (let trial = 0; trial < 120; trial++) {
        const offset = rnd();
        const mem = noise.slice(offset, offset + 0x10000);
        // Some starts near a page end, so operands and branches cross pages.
        const pc = trial % 3 === 0 ? 0xf0fd + (rnd() & 3) : rnd();
        mem[pc] = op;
        const regs = [rnd() & 0xff, rnd() & 0xff, rnd() & 0xff, rnd() & 0xff, rnd() & 0xff];
        const refBus = new LogBus(mem.slice());
        const newBus = new LogBus(mem.slice());
        const ref = (refBus.cpu = new ReferenceCpu6507(refBus));
        const cur = (newBus.cpu = new Cpu6507(newBus));
        start(ref, regs, pc);
        start(cur, regs, pc);
        expect(`${state(cur)} ${newBus.log.join(' ')}`).toBe(`${state(ref)} ${refBus.log.join(' ')}`);

        const low = mem.slice(0, 0x2000);
        low[pc & 0x1fff] = op;
        const refMirror = new MirrorBus(low.slice());
        const fastMirror = new MirrorBus(low.slice());
        const fast = new Cpu6507(fastMirror);
        const map = Int32Array.from({ length: 64 }, (_, r) => r * 128);
        fast.mapMemory(fastMirror.mem, map, map);
        const refState = state(start(new ReferenceCpu6507(refMirror), regs, pc));
        expect(state(start(fast, regs, pc))).toBe(refState);
        expect(Buffer.compare(fastMirror.mem, refMirror.mem)).toBe(0);
        if (!KIL.has(op)) expect(fastMirror.calls).toBe(0);
      }
    }
  });
});
