/**
 * A fingerprint of what one opcode does from many random machine states: every bus access (kind,
 * address, value, cycle) and the final registers on a logging bus, then the final registers and the
 * whole 8K memory with everything in the fast memory map. Hashing it lets test/golden/cpu-opcodes.json
 * pin the behaviour of the flat-switch core the current one was derived from without keeping that core's
 * 2,400 lines in the tree: a mismatch names the opcode, and the old core (see record-cpu-golden.ts) can be
 * taken from git history to diff the logs.
 */
import { createHash } from 'node:crypto';
import type { Bus } from '../../../electron/emulator/bus';

/** What the fingerprint needs of a CPU core (both the current and the historical one have it). */
export interface FingerprintCpu {
  a: number;
  x: number;
  y: number;
  sp: number;
  p: number;
  pc: number;
  cycles: number;
  readonly jammed: boolean;
  execute(instructions: number): unknown;
}

export interface FingerprintCores {
  /** A CPU on a bus whose accesses go through `read`/`write` (no fast map). */
  readonly logged: (bus: Bus) => FingerprintCpu;
  /** A CPU on `bus` that reads and writes `mem` directly where it can (the fast memory map, if any). */
  readonly mapped: (bus: Bus, mem: Uint8Array) => FingerprintCpu;
}

/** Logs every access; a write to $02 (WSYNC) adds cycles from inside the access, as the TIA does. */
class LogBus implements Bus {
  readonly log: string[] = [];
  cpu: FingerprintCpu | null = null;
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
export class MirrorBus implements Bus {
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

export const TRIALS_PER_OPCODE = 120;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) & 0xffff;
  };
}

function start(cpu: FingerprintCpu, regs: readonly number[], pc: number): FingerprintCpu {
  [cpu.a, cpu.x, cpu.y, cpu.sp, cpu.p] = regs;
  cpu.pc = pc;
  cpu.cycles = 10;
  cpu.execute(1);
  return cpu;
}

const state = (c: FingerprintCpu): string => [c.a, c.x, c.y, c.sp, c.pc, c.p, c.cycles, c.jammed].join(',');

/**
 * SHA-1 over every trial of `op` (the random states depend only on the opcode's row, as when the golden
 * file was recorded). `mirrorCalls` is the bus traffic of the fast-mapped runs (0 when all is mapped).
 */
export function fingerprintOpcode(cores: FingerprintCores, op: number): { hash: string; mirrorCalls: number } {
  const row = op >> 4;
  const rnd = lcg(row + 1);
  const noise = Uint8Array.from({ length: 0x20000 }, () => rnd() & 0xff);
  // Replay the shared stream up to this opcode so every opcode sees the states it was recorded with.
  for (let skipped = row * 16; skipped < op; skipped++) for (let t = 0; t < TRIALS_PER_OPCODE; t++) draws(rnd, t);
  const hash = createHash('sha1');
  let mirrorCalls = 0;
  for (let trial = 0; trial < TRIALS_PER_OPCODE; trial++) {
    const { offset, pc, regs } = draws(rnd, trial);
    const mem = noise.slice(offset, offset + 0x10000);
    mem[pc] = op;
    const bus = new LogBus(mem.slice());
    const cpu = (bus.cpu = cores.logged(bus));
    start(cpu, regs, pc);
    hash.update(`${state(cpu)} ${bus.log.join(' ')}\n`);

    const low = mem.slice(0, 0x2000);
    low[pc & 0x1fff] = op;
    const mirror = new MirrorBus(low);
    hash.update(`${state(start(cores.mapped(mirror, low), regs, pc))}\n`);
    hash.update(mirror.mem);
    mirrorCalls += mirror.calls;
  }
  return { hash: hash.digest('hex'), mirrorCalls };
}

function draws(rnd: () => number, trial: number): { offset: number; pc: number; regs: number[] } {
  const offset = rnd();
  // Some starts near a page end, so operands and branches cross pages.
  const pc = trial % 3 === 0 ? 0xf0fd + (rnd() & 3) : rnd();
  const regs = [rnd() & 0xff, rnd() & 0xff, rnd() & 0xff, rnd() & 0xff, rnd() & 0xff];
  return { offset, pc, regs };
}

/** The golden file's key for an opcode: `$A9`. */
export const opcodeKey = (op: number): string => `$${op.toString(16).toUpperCase().padStart(2, '0')}`;
