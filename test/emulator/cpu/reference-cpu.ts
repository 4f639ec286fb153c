/**
 * The reference for the differential test (differential.test.ts): the CPU as it was before the
 * two-level dispatch and the memory map (one flat 256-case switch, every access through the bus), kept
 * verbatim so that any later change to electron/emulator/cpu can be checked access for access.
 *
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
 * Speed: one flat switch in `execute`, registers and flags in locals, base cycles from a typed array.
 */
import type { Bus, CpuControl } from '../../../electron/emulator/bus';
import type { StateReader, StateWriter } from '../../../electron/emulator/state';
import {
  aleAdc,
  aleArr,
  aleSbc,
  nmosAdc,
  nmosArr,
  nmosSbc,
  type DecimalModel,
} from '../../../electron/emulator/cpu/decimal';
import { BASE_CYCLES } from '../../../electron/emulator/cpu/cycle-table';

export interface Cpu6507Options {
  /** Decimal-mode ADC/SBC/ARR model: 'ale' (ALE's Stella core, the default) or 'nmos' (real hardware). */
  decimal?: DecimalModel;
}

const STOP = 1;
const JAM = 2;

export class ReferenceCpu6507 implements CpuControl {
  a = 0;
  x = 0;
  y = 0;
  sp = 0xff;
  pc = 0;
  /** CPU cycles since reset; the TIA adds to it (WSYNC). */
  cycles = 0;
  /** Instructions executed since construction (system resets do not clear it). */
  instructions = 0;

  // Flags as the hot loop keeps them: N is bit 7 of `fn`, Z is `fz === 0`, the rest 0/1.
  private fn = 0;
  private fz = 1;
  private fv = 0;
  private fd = 0;
  private fi = 0;
  private fc = 0;
  /** STOP (stop() called during this execute) | JAM (a KIL opcode ran). */
  private halt = 0;
  private readonly adcDec: (a: number, b: number, c: number) => number;
  private readonly sbcDec: (a: number, b: number, c: number) => number;
  private readonly arrDec: (a: number, b: number, c: number) => number;

  constructor(
    private readonly bus: Bus,
    options: Cpu6507Options = {},
  ) {
    const nmos = options.decimal === 'nmos';
    this.adcDec = nmos ? nmosAdc : aleAdc;
    this.sbcDec = nmos ? nmosSbc : aleSbc;
    this.arrDec = nmos ? nmosArr : aleArr;
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
    this.halt &= JAM;
    if (this.halt !== 0) return 0;
    const bus = this.bus;
    const cycleTable = BASE_CYCLES;
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
    let count = 0;
    let op: number;
    let addr: number;
    let val: number;
    let t: number;
    try {
      while (count < maxInstructions) {
        op = bus.read(pc);
        pc = (pc + 1) & 0xffff;
        this.cycles += cycleTable[op];
        count++;
        switch (op) {
          case 0x00: // BRK: reads the padding byte, pushes PC+2 and P (B set), sets I, vectors through $FFFE
            bus.read(pc);
            pc = (pc + 1) & 0xffff;
            bus.write(0x100 + sp, pc >> 8);
            sp = (sp - 1) & 0xff;
            bus.write(0x100 + sp, pc & 0xff);
            sp = (sp - 1) & 0xff;
            bus.write(0x100 + sp, (nf & 0x80) | (vf << 6) | 0x30 | (df << 3) | (id << 2) | (zf === 0 ? 2 : 0) | c);
            sp = (sp - 1) & 0xff;
            id = 1;
            pc = bus.read(0xfffe) | (bus.read(0xffff) << 8);
            break;
          case 0x01: // ORA indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            a |= val;
            nf = zf = a;
            break;
          case 0x03: // SLO indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            a |= val;
            nf = zf = a;
            break;
          case 0x04: // NOP zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x05: // ORA zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a |= val;
            nf = zf = a;
            break;
          case 0x06: // ASL zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0x07: // SLO zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            a |= val;
            nf = zf = a;
            break;
          case 0x08: // PHP (B and bit 5 pushed as 1)
            bus.write(0x100 + sp, (nf & 0x80) | (vf << 6) | 0x30 | (df << 3) | (id << 2) | (zf === 0 ? 2 : 0) | c);
            sp = (sp - 1) & 0xff;
            break;
          case 0x09: // ORA imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a |= val;
            nf = zf = a;
            break;
          case 0x0a: // ASL A
            c = a >> 7;
            a = (a << 1) & 0xff;
            nf = zf = a;
            break;
          case 0x0b: // ANC imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a &= val;
            nf = zf = a;
            c = a >> 7;
            break;
          case 0x0c: // NOP abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x0d: // ORA abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            a |= val;
            nf = zf = a;
            break;
          case 0x0e: // ASL abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0x0f: // SLO abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            a |= val;
            nf = zf = a;
            break;
          case 0x10: // BPL
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            if ((nf & 0x80) === 0) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              this.cycles += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
            }
            break;
          case 0x11: // ORA indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a |= val;
            nf = zf = a;
            break;
          case 0x13: // SLO indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            a |= val;
            nf = zf = a;
            break;
          case 0x14: // NOP zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x15: // ORA zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a |= val;
            nf = zf = a;
            break;
          case 0x16: // ASL zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0x17: // SLO zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            a |= val;
            nf = zf = a;
            break;
          case 0x18: // CLC
            c = 0;
            break;
          case 0x19: // ORA absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a |= val;
            nf = zf = a;
            break;
          case 0x1a: // NOP
            break;
          case 0x1b: // SLO absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            a |= val;
            nf = zf = a;
            break;
          case 0x1c: // NOP absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x1d: // ORA absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            a |= val;
            nf = zf = a;
            break;
          case 0x1e: // ASL absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0x1f: // SLO absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            c = val >> 7;
            val = (val << 1) & 0xff;
            bus.write(addr, val);
            a |= val;
            nf = zf = a;
            break;
          case 0x20: // JSR: low byte, stack read, push PC (at the high byte), then the high byte
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            bus.read(0x100 + sp);
            bus.write(0x100 + sp, pc >> 8);
            sp = (sp - 1) & 0xff;
            bus.write(0x100 + sp, pc & 0xff);
            sp = (sp - 1) & 0xff;
            pc = t | (bus.read(pc) << 8);
            break;
          case 0x21: // AND indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            a &= val;
            nf = zf = a;
            break;
          case 0x23: // RLA indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            a &= t;
            nf = zf = a;
            break;
          case 0x24: // BIT zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            zf = a & val;
            nf = val;
            vf = (val >> 6) & 1;
            break;
          case 0x25: // AND zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a &= val;
            nf = zf = a;
            break;
          case 0x26: // ROL zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            nf = zf = t;
            break;
          case 0x27: // RLA zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            a &= t;
            nf = zf = a;
            break;
          case 0x28: // PLP
            bus.read(0x100 + sp);
            sp = (sp + 1) & 0xff;
            t = bus.read(0x100 + sp);
            nf = t;
            vf = (t >> 6) & 1;
            df = (t >> 3) & 1;
            id = (t >> 2) & 1;
            zf = (t & 2) ^ 2;
            c = t & 1;
            break;
          case 0x29: // AND imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a &= val;
            nf = zf = a;
            break;
          case 0x2a: // ROL A
            t = ((a << 1) | c) & 0xff;
            c = a >> 7;
            a = t;
            nf = zf = a;
            break;
          case 0x2b: // ANC imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a &= val;
            nf = zf = a;
            c = a >> 7;
            break;
          case 0x2c: // BIT abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            zf = a & val;
            nf = val;
            vf = (val >> 6) & 1;
            break;
          case 0x2d: // AND abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            a &= val;
            nf = zf = a;
            break;
          case 0x2e: // ROL abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            nf = zf = t;
            break;
          case 0x2f: // RLA abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            a &= t;
            nf = zf = a;
            break;
          case 0x30: // BMI
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            if ((nf & 0x80) !== 0) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              this.cycles += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
            }
            break;
          case 0x31: // AND indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a &= val;
            nf = zf = a;
            break;
          case 0x33: // RLA indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            a &= t;
            nf = zf = a;
            break;
          case 0x34: // NOP zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x35: // AND zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a &= val;
            nf = zf = a;
            break;
          case 0x36: // ROL zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            nf = zf = t;
            break;
          case 0x37: // RLA zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            a &= t;
            nf = zf = a;
            break;
          case 0x38: // SEC
            c = 1;
            break;
          case 0x39: // AND absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a &= val;
            nf = zf = a;
            break;
          case 0x3a: // NOP
            break;
          case 0x3b: // RLA absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            a &= t;
            nf = zf = a;
            break;
          case 0x3c: // NOP absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x3d: // AND absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            a &= val;
            nf = zf = a;
            break;
          case 0x3e: // ROL absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            nf = zf = t;
            break;
          case 0x3f: // RLA absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            t = ((val << 1) | c) & 0xff;
            c = val >> 7;
            bus.write(addr, t);
            a &= t;
            nf = zf = a;
            break;
          case 0x40: // RTI
            bus.read(0x100 + sp);
            sp = (sp + 1) & 0xff;
            t = bus.read(0x100 + sp);
            nf = t;
            vf = (t >> 6) & 1;
            df = (t >> 3) & 1;
            id = (t >> 2) & 1;
            zf = (t & 2) ^ 2;
            c = t & 1;
            sp = (sp + 1) & 0xff;
            t = bus.read(0x100 + sp);
            sp = (sp + 1) & 0xff;
            pc = t | (bus.read(0x100 + sp) << 8);
            break;
          case 0x41: // EOR indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            a ^= val;
            nf = zf = a;
            break;
          case 0x43: // SRE indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            a ^= val;
            nf = zf = a;
            break;
          case 0x44: // NOP zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x45: // EOR zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a ^= val;
            nf = zf = a;
            break;
          case 0x46: // LSR zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0x47: // SRE zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            a ^= val;
            nf = zf = a;
            break;
          case 0x48: // PHA
            bus.write(0x100 + sp, a);
            sp = (sp - 1) & 0xff;
            break;
          case 0x49: // EOR imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a ^= val;
            nf = zf = a;
            break;
          case 0x4a: // LSR A
            c = a & 1;
            a >>= 1;
            nf = zf = a;
            break;
          case 0x4b: // ASR imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a &= val;
            c = a & 1;
            a >>= 1;
            nf = zf = a;
            break;
          case 0x4c: // JMP abs
            pc = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            break;
          case 0x4d: // EOR abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            a ^= val;
            nf = zf = a;
            break;
          case 0x4e: // LSR abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0x4f: // SRE abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            a ^= val;
            nf = zf = a;
            break;
          case 0x50: // BVC
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            if (vf === 0) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              this.cycles += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
            }
            break;
          case 0x51: // EOR indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a ^= val;
            nf = zf = a;
            break;
          case 0x53: // SRE indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            a ^= val;
            nf = zf = a;
            break;
          case 0x54: // NOP zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x55: // EOR zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a ^= val;
            nf = zf = a;
            break;
          case 0x56: // LSR zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0x57: // SRE zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            a ^= val;
            nf = zf = a;
            break;
          case 0x58: // CLI
            id = 0;
            break;
          case 0x59: // EOR absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a ^= val;
            nf = zf = a;
            break;
          case 0x5a: // NOP
            break;
          case 0x5b: // SRE absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            a ^= val;
            nf = zf = a;
            break;
          case 0x5c: // NOP absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x5d: // EOR absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            a ^= val;
            nf = zf = a;
            break;
          case 0x5e: // LSR absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0x5f: // SRE absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            c = val & 1;
            val >>= 1;
            bus.write(addr, val);
            a ^= val;
            nf = zf = a;
            break;
          case 0x60: // RTS: stack read, pull PC, then read the byte at the pulled PC and step past it
            bus.read(0x100 + sp);
            sp = (sp + 1) & 0xff;
            t = bus.read(0x100 + sp);
            sp = (sp + 1) & 0xff;
            pc = t | (bus.read(0x100 + sp) << 8);
            bus.read(pc);
            pc = (pc + 1) & 0xffff;
            break;
          case 0x61: // ADC indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
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
          case 0x63: // RRA indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
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
          case 0x64: // NOP zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x65: // ADC zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
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
          case 0x66: // ROR zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
            nf = zf = t;
            break;
          case 0x67: // RRA zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
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
          case 0x68: // PLA (the low core reads the old top first)
            bus.read(0x100 + sp);
            sp = (sp + 1) & 0xff;
            a = bus.read(0x100 + sp);
            nf = zf = a;
            break;
          case 0x69: // ADC imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
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
          case 0x6a: // ROR A
            t = (a >> 1) | (c << 7);
            c = a & 1;
            a = t;
            nf = zf = a;
            break;
          case 0x6b: // ARR imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
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
          case 0x6c: // JMP (ind): the high byte comes from the same page (the $xxFF bug)
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = bus.read(t) | (bus.read((t & 0xff00) | ((t + 1) & 0xff)) << 8);
            break;
          case 0x6d: // ADC abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
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
          case 0x6e: // ROR abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
            nf = zf = t;
            break;
          case 0x6f: // RRA abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
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
          case 0x70: // BVS
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            if (vf !== 0) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              this.cycles += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
            }
            break;
          case 0x71: // ADC indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
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
          case 0x73: // RRA indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
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
          case 0x74: // NOP zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x75: // ADC zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
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
          case 0x76: // ROR zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
            nf = zf = t;
            break;
          case 0x77: // RRA zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
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
          case 0x78: // SEI
            id = 1;
            break;
          case 0x79: // ADC absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
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
          case 0x7a: // NOP
            break;
          case 0x7b: // RRA absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
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
          case 0x7c: // NOP absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            break;
          case 0x7d: // ADC absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
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
          case 0x7e: // ROR absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
            nf = zf = t;
            break;
          case 0x7f: // RRA absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            t = (val >> 1) | (c << 7);
            c = val & 1;
            bus.write(addr, t);
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
          case 0x80: // NOP imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            break;
          case 0x81: // STA indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            bus.write(addr, a);
            break;
          case 0x82: // NOP imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            break;
          case 0x83: // SAX indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            bus.write(addr, a & x);
            break;
          case 0x84: // STY zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            bus.write(addr, y);
            break;
          case 0x85: // STA zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            bus.write(addr, a);
            break;
          case 0x86: // STX zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            bus.write(addr, x);
            break;
          case 0x87: // SAX zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            bus.write(addr, a & x);
            break;
          case 0x88: // DEY
            y = (y - 1) & 0xff;
            nf = zf = y;
            break;
          case 0x89: // NOP imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            break;
          case 0x8a: // TXA
            a = x;
            nf = zf = a;
            break;
          case 0x8b: // ANE imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a = (a | 0xee) & x & val;
            nf = zf = a;
            break;
          case 0x8c: // STY abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            bus.write(addr, y);
            break;
          case 0x8d: // STA abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            bus.write(addr, a);
            break;
          case 0x8e: // STX abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            bus.write(addr, x);
            break;
          case 0x8f: // SAX abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            bus.write(addr, a & x);
            break;
          case 0x90: // BCC
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            if (c === 0) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              this.cycles += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
            }
            break;
          case 0x91: // STA indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            addr = (t + y) & 0xffff;
            bus.write(addr, a);
            break;
          case 0x93: // SHA indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            addr = (t + y) & 0xffff;
            bus.write(addr, a & x & ((addr >> 8) + 1) & 0xff);
            break;
          case 0x94: // STY zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            bus.write(addr, y);
            break;
          case 0x95: // STA zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            bus.write(addr, a);
            break;
          case 0x96: // STX zpy
            addr = (bus.read(pc) + y) & 0xff;
            pc = (pc + 1) & 0xffff;
            bus.write(addr, x);
            break;
          case 0x97: // SAX zpy
            addr = (bus.read(pc) + y) & 0xff;
            pc = (pc + 1) & 0xffff;
            bus.write(addr, a & x);
            break;
          case 0x98: // TYA
            a = y;
            nf = zf = a;
            break;
          case 0x99: // STA absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            bus.write(addr, a);
            break;
          case 0x9a: // TXS
            sp = x;
            break;
          case 0x9b: // SHS absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            sp = a & x;
            bus.write(addr, sp & ((addr >> 8) + 1) & 0xff);
            break;
          case 0x9c: // SHY absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            bus.write(addr, y & ((addr >> 8) + 1) & 0xff);
            break;
          case 0x9d: // STA absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            bus.write(addr, a);
            break;
          case 0x9e: // SHX absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            bus.write(addr, x & ((addr >> 8) + 1) & 0xff);
            break;
          case 0x9f: // SHA absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            bus.write(addr, a & x & ((addr >> 8) + 1) & 0xff);
            break;
          case 0xa0: // LDY imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            y = val;
            nf = zf = y;
            break;
          case 0xa1: // LDA indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            a = val;
            nf = zf = a;
            break;
          case 0xa2: // LDX imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            x = val;
            nf = zf = x;
            break;
          case 0xa3: // LAX indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            a = x = val;
            nf = zf = a;
            break;
          case 0xa4: // LDY zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            y = val;
            nf = zf = y;
            break;
          case 0xa5: // LDA zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a = val;
            nf = zf = a;
            break;
          case 0xa6: // LDX zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            x = val;
            nf = zf = x;
            break;
          case 0xa7: // LAX zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a = x = val;
            nf = zf = a;
            break;
          case 0xa8: // TAY
            y = a;
            nf = zf = y;
            break;
          case 0xa9: // LDA imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a = val;
            nf = zf = a;
            break;
          case 0xaa: // TAX
            x = a;
            nf = zf = x;
            break;
          case 0xab: // LXA imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            a = x = (a | 0xee) & val;
            nf = zf = a;
            break;
          case 0xac: // LDY abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            y = val;
            nf = zf = y;
            break;
          case 0xad: // LDA abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            a = val;
            nf = zf = a;
            break;
          case 0xae: // LDX abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            x = val;
            nf = zf = x;
            break;
          case 0xaf: // LAX abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            a = x = val;
            nf = zf = a;
            break;
          case 0xb0: // BCS
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            if (c !== 0) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              this.cycles += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
            }
            break;
          case 0xb1: // LDA indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a = val;
            nf = zf = a;
            break;
          case 0xb3: // LAX indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a = x = val;
            nf = zf = a;
            break;
          case 0xb4: // LDY zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            y = val;
            nf = zf = y;
            break;
          case 0xb5: // LDA zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a = val;
            nf = zf = a;
            break;
          case 0xb6: // LDX zpy
            addr = (bus.read(pc) + y) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            x = val;
            nf = zf = x;
            break;
          case 0xb7: // LAX zpy
            addr = (bus.read(pc) + y) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            a = x = val;
            nf = zf = a;
            break;
          case 0xb8: // CLV
            vf = 0;
            break;
          case 0xb9: // LDA absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a = val;
            nf = zf = a;
            break;
          case 0xba: // TSX
            x = sp;
            nf = zf = x;
            break;
          case 0xbb: // LAS absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a = x = sp = sp & val;
            nf = zf = a;
            break;
          case 0xbc: // LDY absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            y = val;
            nf = zf = y;
            break;
          case 0xbd: // LDA absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            a = val;
            nf = zf = a;
            break;
          case 0xbe: // LDX absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            x = val;
            nf = zf = x;
            break;
          case 0xbf: // LAX absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            a = x = val;
            nf = zf = a;
            break;
          case 0xc0: // CPY imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = y - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc1: // CMP indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc2: // NOP imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            break;
          case 0xc3: // DCP indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc4: // CPY zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = y - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc5: // CMP zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc6: // DEC zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0xc7: // DCP zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xc8: // INY
            y = (y + 1) & 0xff;
            nf = zf = y;
            break;
          case 0xc9: // CMP imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xca: // DEX
            x = (x - 1) & 0xff;
            nf = zf = x;
            break;
          case 0xcb: // SBX imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = (a & x) - val;
            x = t & 0xff;
            c = t >= 0 ? 1 : 0;
            nf = zf = x;
            break;
          case 0xcc: // CPY abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            t = y - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xcd: // CMP abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xce: // DEC abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0xcf: // DCP abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xd0: // BNE
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            if (zf !== 0) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              this.cycles += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
            }
            break;
          case 0xd1: // CMP indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xd3: // DCP indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xd4: // NOP zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0xd5: // CMP zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xd6: // DEC zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0xd7: // DCP zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xd8: // CLD
            df = 0;
            break;
          case 0xd9: // CMP absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xda: // NOP
            break;
          case 0xdb: // DCP absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xdc: // NOP absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            break;
          case 0xdd: // CMP absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xde: // DEC absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0xdf: // DCP absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            val = (val - 1) & 0xff;
            bus.write(addr, val);
            t = a - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xe0: // CPX imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = x - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xe1: // SBC indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
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
          case 0xe2: // NOP imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            break;
          case 0xe3: // ISB indx
            t = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            addr = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
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
          case 0xe4: // CPX zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            t = x - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xe5: // SBC zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
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
          case 0xe6: // INC zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0xe7: // ISB zp
            addr = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
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
          case 0xe8: // INX
            x = (x + 1) & 0xff;
            nf = zf = x;
            break;
          case 0xe9: // SBC imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
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
          case 0xea: // NOP
            break;
          case 0xeb: // SBC imm
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
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
          case 0xec: // CPX abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            t = x - val;
            c = t >= 0 ? 1 : 0;
            nf = zf = t & 0xff;
            break;
          case 0xed: // SBC abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
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
          case 0xee: // INC abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0xef: // ISB abs
            addr = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
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
          case 0xf0: // BEQ
            val = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            if (zf === 0) {
              t = (pc + ((val ^ 0x80) - 0x80)) & 0xffff;
              this.cycles += (t ^ pc) & 0xff00 ? 2 : 1;
              pc = t;
            }
            break;
          case 0xf1: // SBC indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
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
          case 0xf3: // ISB indy
            t = bus.read(pc);
            pc = (pc + 1) & 0xffff;
            t = bus.read(t) | (bus.read((t + 1) & 0xff) << 8);
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
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
          case 0xf4: // NOP zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            break;
          case 0xf5: // SBC zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
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
          case 0xf6: // INC zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0xf7: // ISB zpx
            addr = (bus.read(pc) + x) & 0xff;
            pc = (pc + 1) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
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
          case 0xf8: // SED
            df = 1;
            break;
          case 0xf9: // SBC absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + y > 0xff) this.cycles++;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
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
          case 0xfa: // NOP
            break;
          case 0xfb: // ISB absy
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + y) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
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
          case 0xfc: // NOP absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            break;
          case 0xfd: // SBC absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            if ((t & 0xff) + x > 0xff) this.cycles++;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
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
          case 0xfe: // INC absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
            nf = zf = val;
            break;
          case 0xff: // ISB absx
            t = bus.read(pc) | (bus.read((pc + 1) & 0xffff) << 8);
            pc = (pc + 2) & 0xffff;
            addr = (t + x) & 0xffff;
            val = bus.read(addr);
            val = (val + 1) & 0xff;
            bus.write(addr, val);
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
      this.instructions += count;
    }
    return count;
  }
}
