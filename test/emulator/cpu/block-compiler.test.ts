/**
 * Compiled blocks against the interpreter: random programs in bank-switched ROM, run by two CPUs with the
 * same memory map (one with `compile: false`), must make the same bus accesses at the same cycles and end
 * in the same state. The bus stretches cycles (a WSYNC-like write), stops the CPU mid-block (VSYNC-like)
 * and switches banks from reads and writes, so blocks have to leave early exactly as the interpreter does.
 */
import { describe, expect, it } from 'vitest';
import type { Bus } from '../../../electron/emulator/bus';
import { Cpu6507 } from '../../../electron/emulator/cpu/cpu-6507';

const ROM = 0x2000;
const BANK = 0x1000;

class BankedBus implements Bus {
  readonly log: string[] = [];
  cpu!: Cpu6507;
  private bank = 0;
  constructor(
    readonly mem: Uint8Array,
    readonly readMap: Int32Array,
  ) {
    this.map();
  }
  read(address: number): number {
    const a = address & 0x1fff;
    this.hotspot(a);
    const v = a & 0x1000 ? this.mem[ROM + this.bank * BANK + (a & 0xfff)] : this.mem[a];
    this.log.push(`r${address}=${v}@${this.cpu.cycles}`);
    this.cpu.dataBus = v;
    return v;
  }
  write(address: number, value: number): void {
    const a = address & 0x1fff;
    this.log.push(`w${address}=${value}@${this.cpu.cycles}`);
    this.hotspot(a);
    if (a === 0x02) this.cpu.cycles += 76 - (this.cpu.cycles % 76); // WSYNC: to the end of the line
    if (a === 0x00) this.cpu.stop(); // VSYNC: the frame ends after this instruction
    if (!(a & 0x1000)) this.mem[a] = value;
  }
  /** F8-style hotspots at $1FF8/$1FF9; the last 128 bytes stay off the fast map because of them. */
  private hotspot(a: number): void {
    if (a === 0x1ff8 || a === 0x1ff9) {
      this.bank = a - 0x1ff8;
      this.map();
    }
  }
  private map(): void {
    for (let r = 32; r < 63; r++) this.readMap[r] = ROM + this.bank * BANK + (r - 32) * 128;
    this.readMap[63] = -1;
  }
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 16;
  };
}

/** Random code with the hotspots, WSYNC/VSYNC stores and short loops sprinkled in. */
function randomMemory(rnd: () => number): Uint8Array {
  const mem = new Uint8Array(ROM + 2 * BANK);
  for (let i = 0; i < mem.length; i++) mem[i] = rnd() & 0xff;
  for (let i = ROM; i < mem.length - 3; i += 5 + (rnd() & 31)) {
    const pick = rnd() % 5;
    const a = i;
    if (pick === 0)
      mem.set([0x8d, 0xf8 + (rnd() & 1), 0x1f], a); // STA $1FF8/9
    else if (pick === 1)
      mem.set([0xad, 0xf8 + (rnd() & 1), 0xff], a); // LDA $FFF8/9
    else if (pick === 2)
      mem.set([0x85, rnd() & 1 ? 0x02 : 0x00], a); // STA WSYNC / VSYNC
    else if (pick === 3)
      mem.set([0xca, 0xd0, 0xfd], a); // DEX / BNE back
    else mem.set([0x20, rnd() & 0xff, 0xf0 | (rnd() & 0x0f)], a); // JSR
  }
  return mem;
}

function run(mem: Uint8Array, ram: boolean, compile: boolean, regs: number[], budgets: number[]) {
  const readMap = new Int32Array(64).fill(-1);
  const writeMap = new Int32Array(64).fill(-1);
  const copy = mem.slice();
  const bus = new BankedBus(copy, readMap);
  const cpu = (bus.cpu = new Cpu6507(bus, { compile }));
  if (ram) for (let r = 0; r < 32; r++) if ((r & 5) === 1) readMap[r] = writeMap[r] = r * 128;
  cpu.mapMemory(copy, readMap, writeMap);
  [cpu.a, cpu.x, cpu.y, cpu.sp, cpu.p] = regs;
  cpu.pc = 0xf000 | (regs[5] & 0xfff);
  const counts = budgets.map((n) => cpu.execute(n));
  const state = [cpu.a, cpu.x, cpu.y, cpu.sp, cpu.p, cpu.pc, cpu.cycles, cpu.instructions, cpu.jammed, cpu.dataBus];
  return { log: bus.log, state, counts, mem: copy, blocks: cpu.compiledBlocks };
}

describe('compiled blocks', () => {
  it.each([
    ['with the stack and zero-page RAM on the bus', false],
    ['with RAM in the fast map', true],
  ])('run random banked programs exactly as the interpreter does, %s', (_, ram) => {
    let compiledBlocks = 0;
    let instructions = 0;
    for (let trial = 0; trial < 300; trial++) {
      const rnd = lcg(trial * 7919 + (ram ? 1 : 0));
      const mem = randomMemory(rnd);
      const regs = [rnd() & 0xff, rnd() & 0xff, rnd() & 0xff, rnd() & 0xff, rnd() & 0xff, rnd()];
      const budgets = [1 + (rnd() & 7), 200, 1 + (rnd() & 63), 500];
      const interpreted = run(mem, ram, false, regs, budgets);
      const compiled = run(mem, ram, true, regs, budgets);
      expect(interpreted.blocks).toBe(0);
      expect(compiled.counts, `trial ${trial}`).toEqual(interpreted.counts);
      expect(compiled.state, `trial ${trial}`).toEqual(interpreted.state);
      expect(compiled.log, `trial ${trial}`).toEqual(interpreted.log);
      expect(Buffer.from(compiled.mem).equals(Buffer.from(interpreted.mem)), `trial ${trial}`).toBe(true);
      compiledBlocks += compiled.blocks;
      instructions += interpreted.state[7] as number;
    }
    // The comparison means something only if much of the code ran compiled.
    expect(compiledBlocks).toBeGreaterThan(300);
    expect(instructions).toBeGreaterThan(10_000);
  });

  it('loops back to a block start inside the block, stopping exactly at every budget', () => {
    // $F000: LDX #200 / $F002: DEX / BNE $F002 / LDY #7 / DEY / BPL $F007 / STA VSYNC (stops)
    const mem = new Uint8Array(ROM + 2 * BANK);
    mem.set([0xa2, 200, 0xca, 0xd0, 0xfd, 0xa0, 7, 0x88, 0x10, 0xfd, 0x85, 0x00], ROM);
    for (const budgets of [
      [1, 1, 1, 500],
      [3, 5, 7, 500],
      [64, 2, 131, 500],
      [401, 20, 500, 500],
    ]) {
      const regs = [0, 0, 0, 0xff, 0x20, 0];
      const interpreted = run(mem, true, false, regs, budgets);
      const compiled = run(mem, true, true, regs, budgets);
      expect(compiled.counts, `budgets ${budgets}`).toEqual(interpreted.counts);
      expect(compiled.state, `budgets ${budgets}`).toEqual(interpreted.state);
      expect(compiled.log).toEqual(interpreted.log);
      expect(compiled.blocks).toBeGreaterThan(0);
    }
  });
});
