/**
 * Compiles straight runs of ROM code into JavaScript functions, so that the CPU runs them without
 * decoding: no opcode fetch, no two switches per instruction (whose indirect jumps the host CPU
 * mispredicts most of the time), constant operands and addresses folded in. Each generated block does
 * exactly what Cpu6507.execute does instruction by instruction — the same accesses with the same cycle
 * counts, the same data-bus latch, the same poll-loop fast-forward — from op-templates.ts. Where the
 * engine forbids run-time code (a page whose CSP has no 'unsafe-eval') the CPU only interprets.
 *
 * A block starts at a PC whose code is plain ROM in the fast memory map and runs until an instruction
 * that leaves it (JMP, JSR, RTS, a taken branch), one the compiler leaves to the interpreter (BRK, RTI,
 * JMP (ind), KIL, code outside ROM), or MAX_BLOCK instructions. Blocks are cached by the ROM offset of
 * their first byte and checked against the read map of every region their bytes came from, so bank
 * switching needs no flush. After an instruction that may have reached the bus (which may switch banks
 * or stop the CPU), the block checks that its code regions are still mapped and the CPU still running,
 * and otherwise returns with the PC of the next instruction.
 */
import { ADDRESSING_MODES, BASE_CYCLES, PAGE_PENALTY } from './cycle-table';
import { emitSpecial, IMPLIED_OPS, OPERAND_OPS, OPERATION_OF, readVar, writeVar, type Emitted } from './op-templates';
import { skipPollLoop, skipPolls, type PeekBus } from './poll-loop';
import type { WriteHandler } from '../bus';

/** The CPU state a block reads and writes (Cpu6507's fields). */
export interface BlockCpu {
  a: number;
  x: number;
  y: number;
  sp: number;
  pc: number;
  cycles: number;
  dataBus: number;
  halt: number;
  instructions: number;
  fn: number;
  fz: number;
  fv: number;
  fd: number;
  fi: number;
  fc: number;
  slowRead(cycles: number, address: number, dataBus: number): number;
  slowWrite(cycles: number, address: number, value: number): number;
  slowWriteAfterWrite(cycles: number, address: number, value: number): number;
}

type DecimalOp = (a: number, b: number, c: number) => number;
type BlockRun = (cpu: BlockCpu, budget: number) => number;

export interface Block {
  readonly pc: number;
  /** Instructions in the block (the most one call runs, poll-loop skips aside); Infinity: interpret. */
  readonly length: number;
  /** Pairs (region, offset) of the read map the code depends on, besides the first instruction's region. */
  readonly regions: readonly number[];
  readonly run: BlockRun | null;
}

const MAX_BLOCK = 64;
/** Block locals and the CPU fields they live in between blocks. */
const REGISTERS: readonly (readonly [string, string])[] = [
  ['a', 'a'],
  ['x', 'x'],
  ['y', 'y'],
  ['sp', 'sp'],
  ['nf', 'fn'],
  ['zf', 'fz'],
  ['vf', 'fv'],
  ['df', 'fd'],
  ['id', 'fi'],
  ['c', 'fc'],
];

/**
 * Loads of the registers the code reads and stores of those it assigns (V8 does not drop stores to
 * object fields on its own); the cycle counter, data bus and PC always.
 */
function wrap(code: string): string {
  const loads = ['db = cpu.dataBus', 'cy = cpu.cycles', 'o = 0', 'addr = 0', 'val = 0', 't = 0'];
  const stores = ['cpu.dataBus = db;', 'cpu.cycles = cy;', 'cpu.pc = pc;'];
  for (const [local, field] of REGISTERS) {
    if (!new RegExp(`\\b${local}\\b`).test(code)) continue;
    loads.push(`${local} = cpu.${field}`);
    if (new RegExp(`\\b${local}\\s*([-+|&^]|<<|>>)?=(?!=)`).test(code)) stores.push(`cpu.${field} = ${local};`);
  }
  return `let ${loads.join(', ')}; ${code} ${stores.join(' ')} return k;`;
}

let compileAllowed: boolean | null = null;

/**
 * Whether this JavaScript engine may compile code at run time: a page whose CSP lacks 'unsafe-eval' (the
 * studio's renderer) forbids it, and then the CPU interprets. Probed once (each refusal is a CSP report).
 */
export function canCompileBlocks(): boolean {
  if (compileAllowed === null) {
    try {
      compileAllowed = new Function('return 1')() === 1;
    } catch {
      compileAllowed = false;
    }
  }
  return compileAllowed;
}

export class BlockCompiler {
  private readonly table: (Block | undefined)[];
  private readonly factoryArgs: unknown[];

  constructor(
    private readonly mem: Uint8Array,
    private readonly rm: Int32Array,
    private readonly wm: Int32Array,
    /** Offsets at or above it are ROM: never written, so code read there stays what was compiled. */
    private readonly codeStart: number,
    decimal: { adc: DecimalOp; sbc: DecimalOp; arr: DecimalOp },
    peekBus: PeekBus | null,
    /** The bus's direct handler for stores to a constant address (Bus.writeHandler), or null. */
    private readonly writeHandler: (address: number) => WriteHandler | null = () => null,
  ) {
    this.table = new Array(Math.max(0, mem.length - codeStart));
    this.factoryArgs = [
      mem,
      rm,
      wm,
      decimal.adc,
      decimal.sbc,
      decimal.arr,
      skipPollLoop,
      skipPolls,
      peekBus,
      this.handlers,
    ];
  }

  /** Handlers of constant-address stores, by the index compiled code calls them with. */
  private readonly handlers: WriteHandler[] = [];
  private readonly handlerIndex = new Map<number, number>();

  /** Blocks compiled so far (diagnostics and tests). */
  compiledBlocks = 0;

  /** Runs blocks (and single interpreted instructions where there is none) like Cpu6507.execute. */
  execute(cpu: BlockCpu, interpretOne: () => number, maxInstructions: number): number {
    const rm = this.rm;
    const codeStart = this.codeStart;
    const table = this.table;
    let count = 0;
    let compiled = 0;
    while (count < maxInstructions) {
      const pc = cpu.pc;
      const o = rm[(pc >> 7) & 63];
      let block: Block | undefined;
      if (o >= codeStart) {
        const key = o - codeStart + (pc & 127);
        block = table[key];
        if (block === undefined || block.pc !== pc || (block.regions.length !== 0 && !regionsHold(block.regions, rm))) {
          block = table[key] = this.compile(pc);
        }
      }
      if (block !== undefined && block.length <= maxInstructions - count) {
        const n = block.run!(cpu, maxInstructions - count);
        count += n;
        compiled += n;
      } else {
        count += interpretOne();
      }
      if (cpu.halt !== 0) break;
    }
    cpu.instructions += compiled;
    return count;
  }

  private compile(pc0: number): Block {
    const regions = new Map<number, number>();
    const parts: string[] = [];
    let pc = pc0;
    let n = 0;
    let endPc: number | undefined = undefined;
    let endsInCode = false;
    const firstRegion = (pc0 >> 7) & 63;
    let previous: { pc: number; bytes: number[] } | null = null;
    let loops = false;
    while (n < MAX_BLOCK) {
      const bytes = this.instructionBytes(pc, regions);
      if (bytes === null) break;
      const next = (pc + bytes.length) & 0xffff;
      // The block's instruction 3 bytes back, for a poll loop closed by a branch here (op-templates.ts).
      const before = previous !== null && previous.pc === ((pc - 3) & 0xffff) ? previous.bytes : null;
      const emitted = this.emit(bytes, pc, next, n, before, pc0);
      if (emitted === null) break;
      if (emitted.loops === true) loops = true;
      n++;
      parts.push(`cy += ${BASE_CYCLES[bytes[0]]}; db = ${bytes[bytes.length - 1]};`, emitted.code);
      if (emitted.ends) {
        endsInCode = emitted.endPc === undefined;
        endPc = emitted.endPc;
        break;
      }
      if (emitted.slow) parts.push(`if (cpu.halt !== 0 || CODE_MOVED) { pc = ${next}; k = ${n}; break b; }`);
      previous = { pc, bytes };
      pc = next;
    }
    if (n === 0) return { pc: pc0, length: Infinity, regions: [], run: null };
    const others: number[] = [];
    for (const [r, o] of regions) if (r !== firstRegion) others.push(r, o);
    const moved = [...regions].map(([r, o]) => `rm[${r}] !== ${o}`).join(' || ');
    const finalPc = endsInCode ? 0 : (endPc ?? pc);
    const code = parts.join('\n').replaceAll('CODE_MOVED', moved).replaceAll('BLOCK_LENGTH', `${n}`);
    // `base`: instructions of the passes a loop back to the start has completed (see emitSpecial).
    const body = wrap(
      loops
        ? `let pc = ${finalPc}, k = ${n}, base = 0; l: for (;;) { b: { ${code} } break; } k += base;`
        : `let pc = ${finalPc}, k = ${n}, base = 0; b: { ${code} }`,
    );
    const factory = new Function(
      'm',
      'rm',
      'wm',
      'adcDec',
      'sbcDec',
      'arrDec',
      'skipPollLoop',
      'skipPolls',
      'peekBus',
      'handlers',
      `return function block(cpu, budget) { ${body} };`,
    ) as (...args: unknown[]) => BlockRun;
    this.compiledBlocks++;
    return { pc: pc0, length: n, regions: others, run: factory(...this.factoryArgs) };
  }

  /** The instruction's bytes at pc if they are all plain ROM (noting their regions), else null. */
  private instructionBytes(pc: number, regions: Map<number, number>): number[] | null {
    const op = this.romByte(pc, regions);
    if (op < 0) return null;
    const mode = ADDRESSING_MODES[op];
    const length = op === 0x20 || op === 0x4c || op === 0x6c ? 3 : mode === 0 ? 1 : mode >= 5 && mode <= 7 ? 3 : 2;
    const bytes = [op];
    for (let i = 1; i < length; i++) {
      const b = this.romByte((pc + i) & 0xffff, regions);
      if (b < 0) return null;
      bytes.push(b);
    }
    return bytes;
  }

  private romByte(address: number, regions: Map<number, number>): number {
    const r = (address >> 7) & 63;
    const o = this.rm[r];
    if (o < this.codeStart) return -1;
    regions.set(r, o);
    return this.mem[o + (address & 127)];
  }

  /** A region of RAM: mapped the same for reads and writes, below the ROM, and (mapMemory's contract) fixed. */
  private isRam(region: number): boolean {
    const o = this.rm[region];
    return o >= 0 && o < this.codeStart && this.wm[region] === o;
  }

  private readConst(k: number): { code: string; slow: boolean } {
    const r = (k >> 7) & 63;
    if (this.isRam(r)) return { code: `(db = m[${this.rm[r] + (k & 127)}])`, slow: false };
    return { code: `((o = rm[${r}]) >= 0 ? (db = m[o + ${k & 127}]) : (db = cpu.slowRead(cy, ${k}, db)))`, slow: true };
  }

  private writeConst(k: number, value: string): { code: string; slow: boolean } {
    const r = (k >> 7) & 63;
    if (this.isRam(r)) return { code: `db = ${value}; m[${this.wm[r] + (k & 127)}] = db;`, slow: false };
    // A TIA register, say: straight to the device, without the bus's address decoding (regions that
    // are not writable memory stay so, per mapMemory's contract).
    const handler = this.wm[r] < 0 ? this.handlerFor(k) : -1;
    if (handler >= 0) return { code: `db = ${value}; cy = handlers[${handler}](cy, db);`, slow: true };
    return {
      code: `db = ${value}; if ((o = wm[${r}]) >= 0) m[o + ${k & 127}] = db; else cy = cpu.slowWrite(cy, ${k}, db);`,
      slow: true,
    };
  }

  private handlerFor(address: number): number {
    let index = this.handlerIndex.get(address);
    if (index === undefined) {
      const handler = this.writeHandler(address);
      index = handler === null ? -1 : this.handlers.push(handler) - 1;
      this.handlerIndex.set(address, index);
    }
    return index;
  }

  private emit(
    bytes: number[],
    pc: number,
    next: number,
    index: number,
    before: number[] | null,
    blockStart: number,
  ): Emitted | null {
    const op = bytes[0];
    const implied = IMPLIED_OPS[op];
    if (implied !== undefined) return { code: implied, slow: false, ends: false };
    const special = emitSpecial(op, bytes, pc, next, index, before, blockStart);
    if (special !== undefined) return special;
    const name = OPERATION_OF[op];
    if (name === undefined) return null;
    const template = OPERAND_OPS[name];
    const b1 = bytes[1];
    const b2 = bytes[2] ?? 0;
    const mode = ADDRESSING_MODES[op];
    let prefix = '';
    let constant = -1;
    switch (mode) {
      case 1: // IMM: the operand byte (plain ROM, checked) is the data
        return { code: template(`(db = ${b1})`, () => '', `${(pc + 1) & 0xffff}`), slow: false, ends: false };
      case 2:
        constant = b1;
        break;
      case 3:
      case 4:
        prefix = `addr = (${b1} + ${mode === 3 ? 'x' : 'y'}) & 0xff;`;
        break;
      case 5:
        constant = b1 | (b2 << 8);
        break;
      case 6:
      case 7: {
        const index = mode === 6 ? 'x' : 'y';
        if (PAGE_PENALTY[op] !== 0) prefix = `if (${b1} + ${index} > 0xff) cy++; `;
        prefix += `addr = (${b1 | (b2 << 8)} + ${index}) & 0xffff;`;
        break;
      }
      case 8:
        prefix = `t = (${b1} + x) & 0xff; addr = ${readVar('t')}; t = (t + 1) & 0xff; addr |= ${readVar('t')} << 8;`;
        break;
      case 9: {
        const lo = this.readConst(b1);
        const hi = this.readConst((b1 + 1) & 0xff);
        prefix = `addr = ${lo.code}; addr |= ${hi.code} << 8; `;
        if (PAGE_PENALTY[op] !== 0) prefix += 'if ((addr & 0xff) + y > 0xff) cy++; ';
        prefix += 'addr = (addr + y) & 0xffff;';
        break;
      }
      default:
        return null;
    }
    if (constant >= 0) {
      const read = this.readConst(constant);
      let wrote = false;
      const code = template(
        read.code,
        (v) => {
          const w = this.writeConst(constant, v);
          wrote = w.slow;
          return w.code;
        },
        `${constant}`,
      );
      return { code, slow: read.slow || wrote, ends: false };
    }
    return { code: prefix + template(readVar('addr'), (v) => writeVar('addr', v), 'addr'), slow: true, ends: false };
  }
}

function regionsHold(regions: readonly number[], rm: Int32Array): boolean {
  for (let i = 0; i < regions.length; i += 2) if (rm[regions[i]] !== regions[i + 1]) return false;
  return true;
}
