/**
 * MOS 6507 CPU, modelled on the Stella 2.x-era "low compatibility" M6502 core that ALE uses, so that bus
 * accesses, cycle counts and results match ALE's traces.
 *
 * Timing (../shared/docs/ale-facts.md §4): after the opcode fetch the instruction's whole base cycle count
 * is added to `cycles`; a read that indexes across a page (abs,X / abs,Y / (zp),Y) adds 1 before its data
 * read; a taken branch adds 1, or 2 if the target is on another page. Writes and read-modify-writes have
 * their indexed penalty in the base count. `cycles` is always current before each bus access (the TIA
 * timestamps accesses with it, and a WSYNC write adds to it from inside `bus.write`).
 *
 * Accesses: each instruction makes the low core's logical accesses only — no dummy reads of
 * wrong addresses, one read and one write for read-modify-write. The low core does make a few extra
 * reads and they are kept because they are real bus traffic in ALE (a read can hit a bank-switch
 * hotspot): PLA/PLP/RTI/RTS first read the stack byte at the old SP, JSR reads the stack before pushing,
 * RTS reads the byte at the pulled address before stepping past it, and BRK reads its padding byte.
 * (zp,X) and (zp),Y pointers wrap within page zero (the low core reads $0100 for a pointer at $FF, which
 * the 2600 decodes as the same TIA register as $0000).
 *
 * Undocumented opcodes follow the same core: LAX SAX DCP ISB SLO RLA SRE RRA ANC ASR(ALR) ARR SBX(AXS)
 * SBC#($EB) LAS, the NOP/DOP/TOP family (they read their operand; abs,X ones take the page penalty);
 * SHA/SHX/SHY/SHS(TAS) store reg & (high byte of the final address + 1); ANE = (A | $EE) & X & imm;
 * LXA: A = X = (A | $EE) & imm. KIL/JAM opcodes ($02 $12 … $F2) take 2 cycles and jam the CPU until reset.
 *
 * Decimal mode: ALE's core computes ADC/SBC in decimal with BCD tables (see ./decimal.ts); that is the
 * default, and `{ decimal: 'nmos' }` selects the real NMOS 6502 behaviour instead.
 *
 * Speed: `execute` decodes the addressing mode in one small switch and then runs the operation in a
 * second, where opcodes that share an operation share its code (one access site per operation instead of
 * one per opcode, and a function small enough for V8 to optimise quickly). Registers, flags and the
 * data-bus latch live in locals. Memory accesses are written out inline (V8 would not inline a helper at
 * every site): plain RAM and ROM come straight from typed arrays through a 64-region map that the bus
 * maintains (mapMemory); everything else calls the bus.
 */
import type { Bus, CpuControl } from '../bus';
import type { StateReader, StateWriter } from '../state';
import { aleAdc, aleArr, aleSbc, nmosAdc, nmosArr, nmosSbc, type DecimalModel } from './decimal';
import { ADDRESSING_MODES, BASE_CYCLES, PAGE_PENALTY } from './cycle-table';
import { skipPollLoop, type PeekBus } from './poll-loop';
import { BlockCompiler, canCompileBlocks } from './block-compiler';

export interface Cpu6507Options {
  /** Decimal-mode ADC/SBC/ARR model: 'ale' (ALE's Stella core, the default) or 'nmos' (real hardware). */
  decimal?: DecimalModel;
  /**
   * Compile ROM code into JavaScript blocks (./block-compiler.ts) where the engine allows it (default
   * true). Results are identical either way; the interpreter is the fallback (and the reference).
   */
  compile?: boolean;
}

const STOP = 1;
const JAM = 2;

export class Cpu6507 implements CpuControl {
  a = 0;
  x = 0;
  y = 0;
  sp = 0xff;
  pc = 0;
  /** CPU cycles since reset; the TIA adds to it (WSYNC). */
  cycles = 0;
  /** Instructions executed since construction (system resets do not clear it). */
  instructions = 0;
  /**
   * The last value on the data bus (every read and write sets it; the TIA's undriven read bits return
   * it). The CPU keeps it in a local while it runs and stores it here before each bus read and on return.
   */
  dataBus = 0;

  /**
   * The fast memory map: for each 128-byte region of the 13-bit address space, the offset in `mem` of
   * memory that reads (writes) there touch with no side effects, or -1 to go through the bus. By
   * default everything goes through the bus.
   */
  private mem: Uint8Array = new Uint8Array(0);
  private readMap: Int32Array = new Int32Array(64).fill(-1);
  private writeMap: Int32Array = new Int32Array(64).fill(-1);

  // Flags as the hot loop keeps them: N is bit 7 of `fn`, Z is `fz === 0`, the rest 0/1.
  // Public for compiled blocks (./block-compiler.ts), which run on these fields; not an API.
  fn = 0;
  fz = 1;
  fv = 0;
  fd = 0;
  fi = 0;
  fc = 0;
  /** STOP (stop() called during this execute) | JAM (a KIL opcode ran). */
  halt = 0;
  /** Compiled ROM code (see mapMemory), or null to interpret everything. */
  private blocks: BlockCompiler | null = null;
  private readonly compileBlocks: boolean;
  private readonly adcDec: (a: number, b: number, c: number) => number;
  private readonly sbcDec: (a: number, b: number, c: number) => number;
  private readonly arrDec: (a: number, b: number, c: number) => number;
  /** The bus, when it can answer side-effect-free peeks (enables the poll-loop fast-forward). */
  private readonly peekBus: PeekBus | null;

  constructor(
    private readonly bus: Bus,
    options: Cpu6507Options = {},
  ) {
    const nmos = options.decimal === 'nmos';
    this.adcDec = nmos ? nmosAdc : aleAdc;
    this.sbcDec = nmos ? nmosSbc : aleSbc;
    this.arrDec = nmos ? nmosArr : aleArr;
    this.peekBus = isPeekBus(bus) ? bus : null;
    this.compileBlocks = options.compile !== false && canCompileBlocks();
  }

  /** Blocks of ROM code compiled so far (0 when interpreting). */
  get compiledBlocks(): number {
    return this.blocks?.compiledBlocks ?? 0;
  }

  /** True after a KIL/JAM opcode; `execute` then runs nothing until `reset`. */
  get jammed(): boolean {
    return (this.halt & JAM) !== 0;
  }

  /** The packed status byte NV1BDIZC; B and bit 5 always read as 1 (the core has no B-clear state). */
  get p(): number {
    return (
      (this.fn & 0x80) | (this.fv << 6) | 0x30 | (this.fd << 3) | (this.fi << 2) | (this.fz === 0 ? 2 : 0) | this.fc
    );
  }

  set p(value: number) {
    this.fn = value & 0x80;
    this.fv = (value >> 6) & 1;
    this.fd = (value >> 3) & 1;
    this.fi = (value >> 2) & 1;
    this.fz = (value & 2) ^ 2;
    this.fc = value & 1;
  }

  /** System reset as ALE does it (ale-facts §5): no reset cycles, I clear, PC from $FFFC. */
  reset(): void {
    this.a = this.x = this.y = 0;
    this.sp = 0xff;
    this.p = 0x30;
    this.halt = 0;
    this.cycles = 0;
    this.pc = this.bus.read(0xfffc) | (this.bus.read(0xfffd) << 8);
  }

  /**
   * Lets `execute` access plain memory directly: region r (addresses with (address >> 7) & 63 === r,
   * i.e. A13-A15 ignored) reads `mem[readMap[r] + (address & 127)]` when readMap[r] >= 0, likewise for
   * writes. The bus keeps the maps current (bank switches) and gets every other access. Contract for
   * compiled blocks: the writable regions stay as mapped here, and bytes above the highest writable
   * offset (the ROM) are never changed.
   */
  mapMemory(mem: Uint8Array, readMap: Int32Array, writeMap: Int32Array): void {
    if (readMap.length !== 64 || writeMap.length !== 64) throw new Error('memory maps have 64 regions');
    this.mem = mem;
    this.readMap = readMap;
    this.writeMap = writeMap;
    // Memory a region can write lies below the ROM; from there on, mapped bytes are code that never changes.
    let codeStart = 0;
    for (let r = 0; r < 64; r++) if (writeMap[r] >= 0) codeStart = Math.max(codeStart, writeMap[r] + 128);
    this.blocks = this.compileBlocks
      ? new BlockCompiler(
          mem,
          readMap,
          writeMap,
          codeStart,
          { adc: this.adcDec, sbc: this.sbcDec, arr: this.arrDec },
          this.peekBus,
          (address) => this.bus.writeHandler?.(address) ?? null,
        )
      : null;
    warmUp();
  }

  /**
   * A read the map sends to the bus. `execute` keeps the cycle count and the data-bus latch in locals;
   * the bus (TIA, RIOT) sees them here.
   */
  slowRead(cycles: number, address: number, dataBus: number): number {
    this.cycles = cycles;
    this.dataBus = dataBus;
    return this.bus.read(address);
  }

  /** A write the map sends to the bus; returns the cycle count after it (a WSYNC write adds to it). */
  slowWrite(cycles: number, address: number, value: number): number {
    this.cycles = cycles;
    this.bus.write(address, value);
    return this.cycles;
  }

  /**
   * True during the bus write of a push that directly follows another write (JSR's second push, BRK's
   * second and third): Stella's TIA halts the CPU on WSYNC only when the last access was a read.
   */
  writeFollowsWrite = false;

  /** slowWrite for a write whose previous bus access was a write (see writeFollowsWrite). */
  slowWriteAfterWrite(cycles: number, address: number, value: number): number {
    this.writeFollowsWrite = true;
    try {
      return this.slowWrite(cycles, address, value);
    } finally {
      this.writeFollowsWrite = false;
    }
  }

  /** Ends `execute` after the instruction that is running (called from inside bus accesses). */
  stop(): void {
    this.halt |= STOP;
  }

  saveState(w: StateWriter): void {
    w.u8(this.a);
    w.u8(this.x);
    w.u8(this.y);
    w.u8(this.sp);
    w.u16(this.pc);
    w.u8(this.p);
    w.bool(this.jammed);
    w.f64(this.cycles);
    w.f64(this.instructions);
  }

  loadState(r: StateReader): void {
    this.a = r.u8();
    this.x = r.u8();
    this.y = r.u8();
    this.sp = r.u8();
    this.pc = r.u16();
    this.p = r.u8();
    this.halt = r.bool() ? JAM : 0;
    this.cycles = r.f64();
    this.instructions = r.f64();
  }

  /**
   * Runs up to `maxInstructions`, stopping early after an instruction during which stop() was called or
   * which jammed the CPU. Returns how many instructions ran.
   */
  execute(maxInstructions: number): number {
    if (this.blocks === null) return this.interpret(maxInstructions);
    this.halt &= JAM;
    if (this.halt !== 0) return 0;
    return this.blocks.execute(this, this.interpretOne, maxInstructions);
  }

  private readonly interpretOne = (): number => this.interpret(1);

  /** The interpreter: `execute` without compiled blocks. */
  private interpret(maxInstructions: number): number {
    this.halt &= JAM;
    if (this.halt !== 0) return 0;
    const peekBus = this.peekBus;
    // The fast memory map (see mapMemory): locals so the hot loop reads them from registers.
    const m = this.mem;
    const rm = this.readMap;
    const wm = this.writeMap;
    const cycleTable = BASE_CYCLES;
    const modes = ADDRESSING_MODES;
    const penalty = PAGE_PENALTY;
    const adcDec = this.adcDec;
    const sbcDec = this.sbcDec;
    const arrDec = this.arrDec;
    let a = this.a;
    let x = this.x;
    let y = this.y;
    let sp = this.sp;
    let pc = this.pc;
    let nf = this.fn;
    let zf = this.fz;
    let vf = this.fv;
    let df = this.fd;
    let id = this.fi;
    let c = this.fc;
    let db = this.dataBus;
    let cy = this.cycles;
    let count = 0;
    let op: number;
    let addr = 0;
    let val: number;
    let t: number;
    let o: number;
    let w: number;
    try {
      while (count < maxInstructions) {
        op = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
        pc = (pc + 1) & 0xffff;
        cy += cycleTable[op];
        count++;
        switch (modes[op]) {
          case 1: // IMM: the operand byte is the data
            addr = pc;
            pc = (pc + 1) & 0xffff;
            break;
          case 2: // ZP
            addr = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
            pc = (pc + 1) & 0xffff;
            break;
          case 3: // ZPX
            addr =
              (((o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db))) + x) &
              0xff;
            pc = (pc + 1) & 0xffff;
            break;
          case 4: // ZPY
            addr =
              (((o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db))) + y) &
              0xff;
            pc = (pc + 1) & 0xffff;
            break;
          case 5: // ABS
            t = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
            addr =
              t |
              (((o = rm[(((pc + 1) & 0xffff) >> 7) & 63]) >= 0
                ? (db = m[o + ((pc + 1) & 0xffff & 127)])
                : (db = this.slowRead(cy, (pc + 1) & 0xffff, db))) <<
                8);
            pc = (pc + 2) & 0xffff;
            break;
          case 6: // ABSX: reads that cross a page pay 1 before the data read (stores/RMW have it in the base)
            t = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
            t |=
              ((o = rm[(((pc + 1) & 0xffff) >> 7) & 63]) >= 0
                ? (db = m[o + ((pc + 1) & 0xffff & 127)])
                : (db = this.slowRead(cy, (pc + 1) & 0xffff, db))) << 8;
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff && penalty[op] !== 0) cy++;
            addr = (t + x) & 0xffff;
            break;
          case 7: // ABSY
            t = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
            t |=
              ((o = rm[(((pc + 1) & 0xffff) >> 7) & 63]) >= 0
                ? (db = m[o + ((pc + 1) & 0xffff & 127)])
                : (db = this.slowRead(cy, (pc + 1) & 0xffff, db))) << 8;
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff && penalty[op] !== 0) cy++;
            addr = (t + y) & 0xffff;
            break;
          case 8: // INDX: the pointer wraps within page zero
            t =
              (((o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db))) + x) &
              0xff;
            pc = (pc + 1) & 0xffff;
            addr = (o = rm[(t >> 7) & 63]) >= 0 ? (db = m[o + (t & 127)]) : (db = this.slowRead(cy, t, db));
            addr |=
              ((o = rm[(((t + 1) & 0xff) >> 7) & 63]) >= 0
                ? (db = m[o + ((t + 1) & 0xff & 127)])
                : (db = this.slowRead(cy, (t + 1) & 0xff, db))) << 8;
            break;
          case 9: // INDY
            t = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
            pc = (pc + 1) & 0xffff;
            addr = (o = rm[(t >> 7) & 63]) >= 0 ? (db = m[o + (t & 127)]) : (db = this.slowRead(cy, t, db));
            addr |=
              ((o = rm[(((t + 1) & 0xff) >> 7) & 63]) >= 0
                ? (db = m[o + ((t + 1) & 0xff & 127)])
                : (db = this.slowRead(cy, (t + 1) & 0xff, db))) << 8;
            if ((addr & 0xff) + y > 0xff && penalty[op] !== 0) cy++;
            addr = (addr + y) & 0xffff;
            break;
          default: // implied, accumulator, stack, jumps: the operation does its own accesses
            break;
        }
        switch (op) {
          case 0x00: // BRK
            db = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
            pc = (pc + 1) & 0xffff;
            w = 0x100 + sp;
            db = pc >> 8;
            if ((o = wm[(w >> 7) & 63]) >= 0) m[o + (w & 127)] = db;
            else cy = this.slowWrite(cy, w, db);
            sp = (sp - 1) & 0xff;
            w = 0x100 + sp;
            db = pc & 0xff;
            if ((o = wm[(w >> 7) & 63]) >= 0) m[o + (w & 127)] = db;
            else cy = this.slowWriteAfterWrite(cy, w, db);
            sp = (sp - 1) & 0xff;
            w = 0x100 + sp;
            db = (nf & 0x80) | (vf << 6) | 0x30 | (df << 3) | (id << 2) | (zf === 0 ? 2 : 0) | c;
            if ((o = wm[(w >> 7) & 63]) >= 0) m[o + (w & 127)] = db;
            else cy = this.slowWriteAfterWrite(cy, w, db);
            sp = (sp - 1) & 0xff;
            id = 1;
            pc =
              ((o = rm[(0xfffe >> 7) & 63]) >= 0
                ? (db = m[o + (0xfffe & 127)])
                : (db = this.slowRead(cy, 0xfffe, db))) |
              (((o = rm[(0xffff >> 7) & 63]) >= 0
                ? (db = m[o + (0xffff & 127)])
                : (db = this.slowRead(cy, 0xffff, db))) <<
                8);
            break;
          case 0x01:
          case 0x05:
          case 0x09:
          case 0x0d:
          case 0x11:
          case 0x15:
          case 0x19:
          case 0x1d: // ORA
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a |= val;
            nf = zf = a;
            break;
          case 0x03:
          case 0x07:
          case 0x0f:
          case 0x13:
          case 0x17:
          case 0x1b:
          case 0x1f: // SLO
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            c = val >> 7;
            val = (val << 1) & 0xff;
            db = val;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            a |= val;
            nf = zf = a;
            break;
          case 0x04:
          case 0x0c:
          case 0x14:
          case 0x1c:
          case 0x34:
          case 0x3c:
          case 0x44:
          case 0x54:
          case 0x5c:
          case 0x64:
          case 0x74:
          case 0x7c:
          case 0x80:
          case 0x82:
          case 0x89:
          case 0xc2:
          case 0xd4:
          case 0xdc:
          case 0xe2:
          case 0xf4:
          case 0xfc: // NOP
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            break;
          case 0x06:
          case 0x0e:
          case 0x16:
          case 0x1e: // ASL
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            c = val >> 7;
            val = (val << 1) & 0xff;
            db = val;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            nf = zf = val;
            break;
          case 0x08: // PHP
            w = 0x100 + sp;
            db = (nf & 0x80) | (vf << 6) | 0x30 | (df << 3) | (id << 2) | (zf === 0 ? 2 : 0) | c;
            if ((o = wm[(w >> 7) & 63]) >= 0) m[o + (w & 127)] = db;
            else cy = this.slowWrite(cy, w, db);
            sp = (sp - 1) & 0xff;
            break;
          case 0x0a: // ASL
            c = a >> 7;
            a = (a << 1) & 0xff;
            nf = zf = a;
            break;
          case 0x0b:
          case 0x2b: // ANC
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a &= val;
            nf = zf = a;
            c = a >> 7;
            break;
          case 0x10:
          case 0x30:
          case 0x50:
          case 0x70:
          case 0x90:
          case 0xb0:
          case 0xd0:
          case 0xf0: // BPL/BMI/BVC/BVS/BCC/BCS/BNE/BEQ: bits 7-6 pick N, V, C or Z; bit 5 the value that branches
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = op < 0x40 ? (nf & 0x80) >> 7 : op < 0x80 ? vf : op < 0xc0 ? c : zf === 0 ? 1 : 0;
            if (t === (op >> 5) % 2) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              cy += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
              if (val === 0xfb && peekBus !== null && (op >> 6) % 3 === 0) {
                // Maybe a timer poll loop on N or Z (see ./poll-loop.ts): skip the iterations that stay in it.
                this.cycles = cy;
                t = skipPollLoop(peekBus, this, pc, op, maxInstructions - count);
                cy = this.cycles;
                if (t !== 0) {
                  count += (t >> 10) * 2;
                  val = t & 0xff;
                  if ((t & 0x300) === 0) a = val;
                  else if ((t & 0x300) === 0x100) x = val;
                  else y = val;
                  nf = zf = val;
                }
              }
            }
            break;
          case 0x18: // CLC
            c = 0;
            break;
          case 0x1a:
          case 0x3a:
          case 0x5a:
          case 0x7a:
          case 0xda:
          case 0xea:
          case 0xfa: // NOP
            break;
          case 0x20: // JSR
            t = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
            pc = (pc + 1) & 0xffff;
            db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            w = 0x100 + sp;
            db = pc >> 8;
            if ((o = wm[(w >> 7) & 63]) >= 0) m[o + (w & 127)] = db;
            else cy = this.slowWrite(cy, w, db);
            sp = (sp - 1) & 0xff;
            w = 0x100 + sp;
            db = pc & 0xff;
            if ((o = wm[(w >> 7) & 63]) >= 0) m[o + (w & 127)] = db;
            else cy = this.slowWriteAfterWrite(cy, w, db);
            sp = (sp - 1) & 0xff;
            pc =
              t | (((o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db))) << 8);
            break;
          case 0x21:
          case 0x25:
          case 0x29:
          case 0x2d:
          case 0x31:
          case 0x35:
          case 0x39:
          case 0x3d: // AND
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a &= val;
            nf = zf = a;
            break;
          case 0x23:
          case 0x27:
          case 0x2f:
          case 0x33:
          case 0x37:
          case 0x3b:
          case 0x3f: // RLA
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            db = t;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            a &= t;
            nf = zf = a;
            break;
          case 0x24:
          case 0x2c: // BIT
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            zf = a & val;
            nf = val;
            vf = (val >> 6) & 1;
            break;
          case 0x26:
          case 0x2e:
          case 0x36:
          case 0x3e: // ROL
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            db = t;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            nf = zf = t;
            break;
          case 0x28: // PLP
            db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            sp = (sp + 1) & 0xff;
            t = db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            nf = t;
            vf = (t >> 6) & 1;
            df = (t >> 3) & 1;
            id = (t >> 2) & 1;
            zf = (t & 2) ^ 2;
            c = t & 1;
            break;
          case 0x2a: // ROL
            t = ((a << 1) | c) & 0xff;
            c = a >> 7;
            a = t;
            nf = zf = a;
            break;
          case 0x38: // SEC
            c = 1;
            break;
          case 0x40: // RTI
            db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            sp = (sp + 1) & 0xff;
            t = db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            nf = t;
            vf = (t >> 6) & 1;
            df = (t >> 3) & 1;
            id = (t >> 2) & 1;
            zf = (t & 2) ^ 2;
            c = t & 1;
            sp = (sp + 1) & 0xff;
            t = db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            sp = (sp + 1) & 0xff;
            pc =
              t |
              (((o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db))) <<
                8);
            break;
          case 0x41:
          case 0x45:
          case 0x49:
          case 0x4d:
          case 0x51:
          case 0x55:
          case 0x59:
          case 0x5d: // EOR
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a ^= val;
            nf = zf = a;
            break;
          case 0x43:
          case 0x47:
          case 0x4f:
          case 0x53:
          case 0x57:
          case 0x5b:
          case 0x5f: // SRE
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            c = val & 1;
            val >>= 1;
            db = val;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            a ^= val;
            nf = zf = a;
            break;
          case 0x46:
          case 0x4e:
          case 0x56:
          case 0x5e: // LSR
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            c = val & 1;
            val >>= 1;
            db = val;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            nf = zf = val;
            break;
          case 0x48: // PHA
            w = 0x100 + sp;
            db = a;
            if ((o = wm[(w >> 7) & 63]) >= 0) m[o + (w & 127)] = db;
            else cy = this.slowWrite(cy, w, db);
            sp = (sp - 1) & 0xff;
            break;
          case 0x4a: // LSR
            c = a & 1;
            a >>= 1;
            nf = zf = a;
            break;
          case 0x4b: // ASR
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a &= val;
            c = a & 1;
            a >>= 1;
            nf = zf = a;
            break;
          case 0x4c: // JMP
            pc =
              ((o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db))) |
              (((o = rm[(((pc + 1) & 0xffff) >> 7) & 63]) >= 0
                ? (db = m[o + ((pc + 1) & 0xffff & 127)])
                : (db = this.slowRead(cy, (pc + 1) & 0xffff, db))) <<
                8);
            break;
          case 0x58: // CLI
            id = 0;
            break;
          case 0x60: // RTS
            db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            sp = (sp + 1) & 0xff;
            t = db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            sp = (sp + 1) & 0xff;
            pc =
              t |
              (((o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db))) <<
                8);
            db = (o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db));
            pc = (pc + 1) & 0xffff;
            break;
          case 0x61:
          case 0x65:
          case 0x69:
          case 0x6d:
          case 0x71:
          case 0x75:
          case 0x79:
          case 0x7d: // ADC
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            if (df) {
              t = adcDec(a, val, c);
              a = t & 0xff;
              nf = (t >> 8) & 0xff;
              zf = (t >> 16) & 0xff;
              c = (t >> 24) & 1;
              vf = (t >> 25) & 1;
            } else {
              t = a + val + c;
              vf = ((~(a ^ val) & (a ^ t)) >> 7) & 1;
              c = t >> 8;
              a = t & 0xff;
              nf = zf = a;
            }
            break;
          case 0x63:
          case 0x67:
          case 0x6f:
          case 0x73:
          case 0x77:
          case 0x7b:
          case 0x7f: // RRA
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = (val >> 1) | (c << 7);
            c = val & 1;
            db = t;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            val = t;
            if (df) {
              t = adcDec(a, val, c);
              a = t & 0xff;
              nf = (t >> 8) & 0xff;
              zf = (t >> 16) & 0xff;
              c = (t >> 24) & 1;
              vf = (t >> 25) & 1;
            } else {
              t = a + val + c;
              vf = ((~(a ^ val) & (a ^ t)) >> 7) & 1;
              c = t >> 8;
              a = t & 0xff;
              nf = zf = a;
            }
            break;
          case 0x66:
          case 0x6e:
          case 0x76:
          case 0x7e: // ROR
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = (val >> 1) | (c << 7);
            c = val & 1;
            db = t;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            nf = zf = t;
            break;
          case 0x68: // PLA
            db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            sp = (sp + 1) & 0xff;
            a = db =
              (o = rm[((0x100 + sp) >> 7) & 63]) >= 0
                ? (db = m[o + ((0x100 + sp) & 127)])
                : (db = this.slowRead(cy, 0x100 + sp, db));
            nf = zf = a;
            break;
          case 0x6a: // ROR
            t = (a >> 1) | (c << 7);
            c = a & 1;
            a = t;
            nf = zf = a;
            break;
          case 0x6b: // ARR
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            if (df) {
              t = arrDec(a, val, c);
              a = t & 0xff;
              nf = (t >> 8) & 0xff;
              zf = (t >> 16) & 0xff;
              c = (t >> 24) & 1;
              vf = (t >> 25) & 1;
            } else {
              a = ((a & val) >> 1) | (c << 7);
              nf = zf = a;
              c = (a >> 6) & 1;
              vf = c ^ ((a >> 5) & 1);
            }
            break;
          case 0x6c: // JMP
            t =
              ((o = rm[(pc >> 7) & 63]) >= 0 ? (db = m[o + (pc & 127)]) : (db = this.slowRead(cy, pc, db))) |
              (((o = rm[(((pc + 1) & 0xffff) >> 7) & 63]) >= 0
                ? (db = m[o + ((pc + 1) & 0xffff & 127)])
                : (db = this.slowRead(cy, (pc + 1) & 0xffff, db))) <<
                8);
            pc =
              ((o = rm[(t >> 7) & 63]) >= 0 ? (db = m[o + (t & 127)]) : (db = this.slowRead(cy, t, db))) |
              (((o = rm[(((t & 0xff00) | ((t + 1) & 0xff)) >> 7) & 63]) >= 0
                ? (db = m[o + (((t & 0xff00) | ((t + 1) & 0xff)) & 127)])
                : (db = this.slowRead(cy, (t & 0xff00) | ((t + 1) & 0xff), db))) <<
                8);
            break;
          case 0x78: // SEI
            id = 1;
            break;
          case 0x81:
          case 0x85:
          case 0x8d:
          case 0x91:
          case 0x95:
          case 0x99:
          case 0x9d: // STA
            db = a;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            break;
          case 0x83:
          case 0x87:
          case 0x8f:
          case 0x97: // SAX
            db = a & x;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            break;
          case 0x84:
          case 0x8c:
          case 0x94: // STY
            db = y;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            break;
          case 0x86:
          case 0x8e:
          case 0x96: // STX
            db = x;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            break;
          case 0x88: // DEY
            y = (y - 1) & 0xff;
            nf = zf = y;
            break;
          case 0x8a: // TXA
            a = x;
            nf = zf = a;
            break;
          case 0x8b: // ANE
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a = (a | 0xee) & x & val;
            nf = zf = a;
            break;
          case 0x93:
          case 0x9f: // SHA
            db = a & x & ((addr >> 8) + 1) & 0xff;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            break;
          case 0x98: // TYA
            a = y;
            nf = zf = a;
            break;
          case 0x9a: // TXS
            sp = x;
            break;
          case 0x9b: // SHS
            sp = a & x;
            db = sp & ((addr >> 8) + 1) & 0xff;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            break;
          case 0x9c: // SHY
            db = y & ((addr >> 8) + 1) & 0xff;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            break;
          case 0x9e: // SHX
            db = x & ((addr >> 8) + 1) & 0xff;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            break;
          case 0xa0:
          case 0xa4:
          case 0xac:
          case 0xb4:
          case 0xbc: // LDY
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            y = val;
            nf = zf = y;
            break;
          case 0xa1:
          case 0xa5:
          case 0xa9:
          case 0xad:
          case 0xb1:
          case 0xb5:
          case 0xb9:
          case 0xbd: // LDA
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a = val;
            nf = zf = a;
            break;
          case 0xa2:
          case 0xa6:
          case 0xae:
          case 0xb6:
          case 0xbe: // LDX
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            x = val;
            nf = zf = x;
            break;
          case 0xa3:
          case 0xa7:
          case 0xaf:
          case 0xb3:
          case 0xb7:
          case 0xbf: // LAX
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a = x = val;
            nf = zf = a;
            break;
          case 0xa8: // TAY
            y = a;
            nf = zf = y;
            break;
          case 0xaa: // TAX
            x = a;
            nf = zf = x;
            break;
          case 0xab: // LXA
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a = x = (a | 0xee) & val;
            nf = zf = a;
            break;
          case 0xb8: // CLV
            vf = 0;
            break;
          case 0xba: // TSX
            x = sp;
            nf = zf = x;
            break;
          case 0xbb: // LAS
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            a = x = sp = sp & val;
            nf = zf = a;
            break;
          case 0xc0:
          case 0xc4:
          case 0xcc: // CPY
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = y - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc1:
          case 0xc5:
          case 0xc9:
          case 0xcd:
          case 0xd1:
          case 0xd5:
          case 0xd9:
          case 0xdd: // CMP
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc3:
          case 0xc7:
          case 0xcf:
          case 0xd3:
          case 0xd7:
          case 0xdb:
          case 0xdf: // DCP
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            val = (val - 1) & 0xff;
            db = val;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc6:
          case 0xce:
          case 0xd6:
          case 0xde: // DEC
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            val = (val - 1) & 0xff;
            db = val;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            nf = zf = val;
            break;
          case 0xc8: // INY
            y = (y + 1) & 0xff;
            nf = zf = y;
            break;
          case 0xca: // DEX
            x = (x - 1) & 0xff;
            nf = zf = x;
            break;
          case 0xcb: // SBX
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = (a & x) - val;
            x = t & 0xff;
            c = t >= 0 ? 1 : 0;
            nf = zf = x;
            break;
          case 0xd8: // CLD
            df = 0;
            break;
          case 0xe0:
          case 0xe4:
          case 0xec: // CPX
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            t = x - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xe1:
          case 0xe5:
          case 0xe9:
          case 0xeb:
          case 0xed:
          case 0xf1:
          case 0xf5:
          case 0xf9:
          case 0xfd: // SBC
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            if (df) {
              t = sbcDec(a, val, c);
              a = t & 0xff;
              nf = (t >> 8) & 0xff;
              zf = (t >> 16) & 0xff;
              c = (t >> 24) & 1;
              vf = (t >> 25) & 1;
            } else {
              t = a + (val ^ 0xff) + c;
              vf = ((~(a ^ (val ^ 0xff)) & (a ^ t)) >> 7) & 1;
              c = t >> 8;
              a = t & 0xff;
              nf = zf = a;
            }
            break;
          case 0xe3:
          case 0xe7:
          case 0xef:
          case 0xf3:
          case 0xf7:
          case 0xfb:
          case 0xff: // ISB
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            val = (val + 1) & 0xff;
            db = val;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            if (df) {
              t = sbcDec(a, val, c);
              a = t & 0xff;
              nf = (t >> 8) & 0xff;
              zf = (t >> 16) & 0xff;
              c = (t >> 24) & 1;
              vf = (t >> 25) & 1;
            } else {
              t = a + (val ^ 0xff) + c;
              vf = ((~(a ^ (val ^ 0xff)) & (a ^ t)) >> 7) & 1;
              c = t >> 8;
              a = t & 0xff;
              nf = zf = a;
            }
            break;
          case 0xe6:
          case 0xee:
          case 0xf6:
          case 0xfe: // INC
            val = (o = rm[(addr >> 7) & 63]) >= 0 ? (db = m[o + (addr & 127)]) : (db = this.slowRead(cy, addr, db));
            val = (val + 1) & 0xff;
            db = val;
            if ((o = wm[(addr >> 7) & 63]) >= 0) m[o + (addr & 127)] = db;
            else cy = this.slowWrite(cy, addr, db);
            nf = zf = val;
            break;
          case 0xe8: // INX
            x = (x + 1) & 0xff;
            nf = zf = x;
            break;
          case 0xf8: // SED
            df = 1;
            break;

          default: // KIL / JAM: the CPU stops until reset (ALE treats these as a fatal error and halts)
            this.halt |= JAM;
            break;
        }
        if (this.halt !== 0) break;
      }
    } finally {
      this.a = a;
      this.x = x;
      this.y = y;
      this.sp = sp;
      this.pc = pc;
      this.fn = nf;
      this.fz = zf;
      this.fv = vf;
      this.fd = df;
      this.fi = id;
      this.fc = c;
      this.dataBus = db;
      this.cycles = cy;
      this.instructions += count;
    }
    return count;
  }
}

function isPeekBus(bus: Bus): bus is Bus & PeekBus {
  return typeof (bus as Partial<PeekBus>).peek === 'function';
}

/** The bus of the warm-up CPU's second pass: 8K of RAM behind the 13 address lines. */
class WarmUpBus implements Bus {
  constructor(private readonly mem: Uint8Array) {}
  read(address: number): number {
    return this.mem[address & 0x1fff];
  }
  write(address: number, value: number): void {
    this.mem[address & 0x1fff] = value;
  }
}

let warmedUp = false;
/** KIL / JAM: they would leave the warm-up CPU jammed. */
const JAM_OPCODES = [0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2];

/**
 * Runs every opcode a few times, with different flags, on a throwaway CPU, so that V8 has type feedback
 * for all of `execute` before it optimises it. Otherwise each operation first met late (a rare opcode,
 * the other side of a flag test, a bus access from a site that usually hits RAM) throws the optimised
 * code away and the large function is compiled again, several times a run. The first pass has the
 * whole space in fast memory, the second none of it (the bus call sites; their callee then sees two bus
 * classes, which V8 handles with one map check). Once per process, from the first mapMemory.
 */
function warmUp(): void {
  if (warmedUp) return;
  warmedUp = true;
  const mem = new Uint8Array(0x2000);
  const cpu = new Cpu6507(new WarmUpBus(mem));
  const fast = Int32Array.from({ length: 64 }, (_, r) => r * 128);
  const slow = new Int32Array(64).fill(-1);
  const flags = [0x00, 0xff, 0x08, 0xc3, 0x09, 0x42];
  for (const map of [fast, slow]) {
    cpu.mapMemory(mem, map, map);
    for (let round = 0; round < flags.length; round++) {
      for (let i = 0; i < mem.length; i++) mem[i] = (i * 73 + round * 29) & 0xff;
      for (let op = 0; op < 256; op++) {
        if (JAM_OPCODES.includes(op)) continue;
        mem[0x1000] = op;
        mem[0x1001] = (op * 11 + round * 40) & 0xff;
        mem[0x1002] = (op * 13 + round) & 0xff;
        cpu.pc = 0x1000;
        cpu.sp = 0xf0;
        cpu.p = flags[round];
        cpu.a = (op * 7 + round * 50) & 0xff;
        cpu.x = (op * 3 + round * 90) & 0xff;
        cpu.y = (op * 5 + round * 20) & 0xff;
        cpu.execute(1);
      }
    }
  }
}
